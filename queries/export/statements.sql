-- purpose: every stored statement with its topic title, in arrival order (CLI export)
-- params: none
-- returns: id BIGINT, date DATE, capital VARCHAR, speaker VARCHAR, speaker_role VARCHAR, topic VARCHAR, stance VARCHAR, stance_origin VARCHAR, stance_confidence DOUBLE, quote VARCHAR, quote_language VARCHAR, source_url VARCHAR, source_name VARCHAR, notes VARCHAR, extra JSON, batch_id INTEGER, recorded_at TIMESTAMPTZ
SELECT s.id, s.stated_on AS date, s.capital, s.speaker, s.speaker_role, t.title AS topic, s.stance,
       s.stance_origin, s.stance_confidence, s.quote, s.quote_language, s.source_url, s.source_name,
       s.notes, s.extra, s.batch_id, s.recorded_at
FROM statements AS s
JOIN topics AS t ON t.id = s.topic_id
ORDER BY s.id;
