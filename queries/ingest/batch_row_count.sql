-- purpose: how many statements a batch holds (checked before commit: the batch must land whole)
-- params: $batch_id INTEGER
-- returns: n BIGINT
SELECT count(*) AS n FROM statements WHERE batch_id = $batch_id;
