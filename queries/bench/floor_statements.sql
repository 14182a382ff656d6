-- purpose: ingest floor (bench/run.py): a benchmark CSV straight into `statements` with its constraints and indexes, no validation, no normalisation, a SHA-256 of the raw fields as fingerprint: what storing the rows costs before any checking
-- params: $path VARCHAR, $batch_id INTEGER
-- returns: nothing
INSERT INTO statements (stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
                        quote, quote_language, source_url, source_name, notes, fingerprint,
                        fingerprint_key, batch_id)
SELECT CAST(r.date AS DATE), r.capital, r.speaker, r.speaker_role, t.id, r.stance, 'source',
       r.quote, r.quote_language, r.source_url, r.source_name, r.notes,
       sha256(concat_ws(chr(31), r.date, r.capital, r.topic, r.speaker, r.quote, r.source_url)),
       fingerprint_key(sha256(concat_ws(chr(31), r.date, r.capital, r.topic, r.speaker, r.quote,
                                        r.source_url))),
       $batch_id
FROM read_csv($path, header = true, all_varchar = true) AS r
JOIN topics AS t ON t.title = r.topic;
