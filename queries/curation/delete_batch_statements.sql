-- purpose: remove a batch's statements from the store once archived (undo); returns their ids
-- params: $batch_id INTEGER
-- returns: id BIGINT
DELETE FROM statements WHERE batch_id = $batch_id RETURNING id;
