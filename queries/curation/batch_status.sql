-- purpose: one batch's status (committed or reverted); no row when there is no such batch
-- params: $batch_id INTEGER
-- returns: status VARCHAR
SELECT status FROM batches WHERE id = $batch_id;
