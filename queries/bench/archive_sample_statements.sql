-- purpose: bench/peers.py, inside a transaction it rolls back: copy the $n statements bench/remove_sample_statements then removes into the archive, as an undo (curation/archive_batch) does before it deletes
-- params: $n INTEGER
-- returns: nothing
INSERT INTO statements_archive (id, stated_on, capital, speaker, speaker_role, topic_id, stance,
                                stance_origin, stance_confidence, quote, quote_language, source_url,
                                source_name, notes, extra, fingerprint, batch_id, recorded_at)
SELECT id, stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
       stance_confidence, quote, quote_language, source_url, source_name, notes, extra,
       fingerprint, batch_id, recorded_at
FROM statements
WHERE id IN (SELECT id FROM statements ORDER BY hash(id) LIMIT $n);
