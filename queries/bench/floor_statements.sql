-- purpose: ingest floor (bench/run.py): a benchmark CSV's rows (the registered `floor_rows`, bench/floor_rows, with the ids drawn for them) into `statements` with its constraints and indexes, no validation, no normalisation, a SHA-256 of the raw fields as fingerprint: what storing the rows costs before any checking
-- params: $batch_id INTEGER
-- returns: nothing
INSERT INTO statements (id, stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
                        quote, quote_language, source_url, source_name, notes, fingerprint,
                        fingerprint_key, batch_id)
SELECT r.id, CAST(r.date AS DATE), r.capital, r.speaker, r.speaker_role, t.id, r.stance, 'source',
       r.quote, r.quote_language, r.source_url, r.source_name, r.notes, r.fingerprint,
       fingerprint_key(r.fingerprint), $batch_id
FROM (
    SELECT *, sha256(concat_ws(chr(31), date, capital, topic, speaker, quote, source_url))
                  AS fingerprint
    FROM floor_rows
) AS r
JOIN topics AS t ON t.title = r.topic;
