-- purpose: ingest floor of the data model (bench/run.py): a benchmark CSV's rows (the registered `floor_rows`, bench/floor_rows) stored as statements keeps them (the id drawn for each in file order, the topic's id, the SHA-256 fingerprint once and its 16-byte key, the batch, the time recorded), into bench/statements_no_keys's table: no key, index, foreign key or check to keep, no validation, no folding. What any ingest into this data model pays before it checks anything
-- params: $batch_id INTEGER
-- returns: count BIGINT (the rows stored)
INSERT INTO statements_no_keys
SELECT r.id, CAST(r.date AS DATE), r.capital, r.speaker, r.speaker_role,
       t.id, r.stance, 'source', NULL, r.quote, r.quote_language, r.source_url, r.source_name,
       r.notes, NULL, r.fingerprint, $batch_id, current_timestamp,
       fingerprint_key(r.fingerprint)
FROM (
    SELECT *, sha256(concat_ws(chr(31), date, capital, topic, speaker, quote, source_url))
                  AS fingerprint
    FROM floor_rows
) AS r
JOIN topics AS t ON t.title = r.topic;
