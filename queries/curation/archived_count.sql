-- purpose: how many statements of a batch are in the archive (undo is checked against it)
-- params: $batch_id INTEGER
-- returns: n BIGINT
SELECT count(*) AS n FROM statements_archive WHERE batch_id = $batch_id;
