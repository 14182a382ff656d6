-- purpose: bench/peers.py, inside a transaction it rolls back: copy the $n statements bench/remove_sample_statements then removes into the archive, as an undo (curation/archive_batch) does before it deletes
-- params: $n INTEGER
-- returns: nothing
-- By name: every column the two tables share (all of the archive's but archived_at, which
-- takes its default, now()); fingerprint_key is derived from fingerprint and not archived.
INSERT INTO statements_archive BY NAME
SELECT * EXCLUDE (fingerprint_key)
FROM statements
WHERE id IN (SELECT id FROM statements ORDER BY hash(id) LIMIT $n);
