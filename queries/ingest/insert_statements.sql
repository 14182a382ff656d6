-- purpose: write the validated rows of the registered frame `incoming` that are marked `keep` (new: not a repeat within the file, not already stored) as one batch, each with the id the frame gives it (drawn by ingest/draw_statement_ids, in file order)
-- params: $batch_id INTEGER
-- returns: nothing
INSERT INTO statements (id, stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
                        stance_confidence, quote, quote_language, source_url, source_name, notes,
                        extra, fingerprint, fingerprint_key, batch_id)
SELECT id, CAST(stated_on AS DATE), capital, speaker, speaker_role, topic_id, stance, stance_origin,
       stance_confidence, quote, quote_language, source_url, source_name, notes,
       CAST(extra AS JSON), fingerprint, fingerprint_key(fingerprint), $batch_id
FROM incoming
WHERE keep;
