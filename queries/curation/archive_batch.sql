-- purpose: copy a batch's statements into the archive before they leave the dashboard (undo)
-- params: $batch_id INTEGER
-- returns: nothing
INSERT INTO statements_archive (id, stated_on, capital, speaker, speaker_role, topic_id, stance,
                                stance_origin, stance_confidence, quote, quote_language, source_url,
                                source_name, notes, extra, fingerprint, batch_id, recorded_at)
SELECT id, stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
       stance_confidence, quote, quote_language, source_url, source_name, notes, extra,
       fingerprint, batch_id, recorded_at
FROM statements
WHERE batch_id = $batch_id;
