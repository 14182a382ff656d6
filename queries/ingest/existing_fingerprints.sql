-- purpose: which fingerprints of the registered frame `incoming` are already stored, and where
-- params: none
-- returns: fingerprint VARCHAR, statement_id BIGINT, batch_id INTEGER, file_name VARCHAR
SELECT s.fingerprint, s.id AS statement_id, s.batch_id, b.file_name
FROM statements AS s
JOIN batches AS b ON b.id = s.batch_id
WHERE s.fingerprint_key IN (SELECT fingerprint_key(fingerprint) FROM incoming);
