-- purpose: copy a batch's statements into the archive before they leave the dashboard (undo)
-- params: $batch_id INTEGER
-- returns: nothing
-- By name: every column the two tables share (all of the archive's but archived_at, which
-- takes its default, now()); fingerprint_key is derived from fingerprint and not archived.
INSERT INTO statements_archive BY NAME
SELECT * EXCLUDE (fingerprint_key)
FROM statements
WHERE batch_id = $batch_id;
