-- purpose: the benchmark floor: one full-scan aggregate over statements (bench/run.py divides every query's time by this one's)
-- params: none
-- returns: statements BIGINT, topics BIGINT
SELECT count(*) AS statements, count(DISTINCT topic_id) AS topics
FROM statements;
