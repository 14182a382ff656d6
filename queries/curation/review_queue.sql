-- purpose: statements whose stance is still the classifier's (suggested, or none yet), least sure first
-- params: $limit INTEGER
-- returns: statement_id BIGINT, stated_on DATE, capital VARCHAR, speaker VARCHAR, topic VARCHAR, stance VARCHAR, stance_confidence DOUBLE, quote VARCHAR, quote_language VARCHAR, source_url VARCHAR, batch_id INTEGER, waiting BIGINT
SELECT s.id AS statement_id, s.stated_on, s.capital, s.speaker, t.title AS topic, s.stance,
       s.stance_confidence, s.quote, s.quote_language, s.source_url, s.batch_id,
       count(*) OVER () AS waiting
FROM statements AS s JOIN topics AS t ON t.id = s.topic_id
WHERE s.stance_origin = 'classifier'
ORDER BY s.stance IS NOT NULL, s.stance_confidence NULLS FIRST, s.id
LIMIT $limit;
