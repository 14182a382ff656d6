-- purpose: one live statement with its topic and stance origin (for the history panel and checks)
-- params: $statement_id BIGINT
-- returns: statement_id BIGINT, stated_on DATE, capital VARCHAR, speaker VARCHAR, topic VARCHAR, stance VARCHAR, stance_origin VARCHAR, stance_confidence DOUBLE, quote VARCHAR, batch_id INTEGER
SELECT s.id AS statement_id, s.stated_on, s.capital, s.speaker, t.title AS topic, s.stance,
       s.stance_origin, s.stance_confidence, s.quote, s.batch_id
FROM statements AS s JOIN topics AS t ON t.id = s.topic_id
WHERE s.id = $statement_id;
