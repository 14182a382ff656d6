-- purpose: draw the ids of a batch's statements from statement_id_seq in one go, before they are written (ingest._write, under its write lock): the insert then gives each row its id instead of drawing one per row, which made DuckDB write the rows on one thread (1M rows into statements: 6.9 -> 4.9 s)
-- params: $rows BIGINT
-- returns: first_id BIGINT, last_id BIGINT (NULL when $rows is 0)
SELECT min(id) AS first_id, max(id) AS last_id
FROM (SELECT nextval('statement_id_seq') AS id FROM range($rows));
