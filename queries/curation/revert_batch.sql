-- purpose: mark a committed batch reverted (no RETURNING: DuckDB refuses it on a table that foreign keys point at)
-- params: $batch_id INTEGER
-- returns: nothing
UPDATE batches SET status = 'reverted' WHERE id = $batch_id AND status = 'committed';
