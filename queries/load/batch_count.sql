-- purpose: how many batches exist at all (a database that has had any batch is not seeded again)
-- params: none
-- returns: n BIGINT
SELECT count(*) AS n FROM batches;
