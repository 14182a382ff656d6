-- purpose: load generated synthetic statements (registered frames `synthetic_topics`, `synthetic`) straight into the store as batch $batch_id, bypassing CSV validation (benchmarks only)
-- params: $batch_id INTEGER
-- returns: nothing
INSERT INTO topics (title) SELECT title FROM synthetic_topics ORDER BY topic_no;
INSERT INTO statements (stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
                        quote, quote_language, source_url, source_name, notes, fingerprint,
                        fingerprint_key, batch_id)
SELECT s.stated_on, s.capital, s.speaker, 'Synthetic role', t.id, s.stance, 'source',
       s.quote, s.quote_language, s.source_url, 'Synthetic Wire', 'synthetic benchmark data',
       sha256(s.row_no::VARCHAR || '|synthetic'),
       fingerprint_key(sha256(s.row_no::VARCHAR || '|synthetic')), $batch_id
FROM synthetic AS s
JOIN synthetic_topics AS st ON st.topic_no = s.topic_no
JOIN topics AS t ON t.title = st.title
ORDER BY s.row_no;
