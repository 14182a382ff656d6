-- purpose: one row per stance change, newest first (at most $limit rows; NULL = all); filters select the changing statement, its predecessor comes from the capital's full history on the topic
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $limit BIGINT
-- returns: statement_id BIGINT, previous_statement_id BIGINT, capital VARCHAR, topic VARCHAR, previous_stance VARCHAR, stance VARCHAR, previous_on DATE, stated_on DATE, days_between BIGINT, speaker VARCHAR, quote VARCHAR, source_url VARCHAR, source_name VARCHAR, previous_speaker VARCHAR, previous_quote VARCHAR, previous_source_url VARCHAR
SELECT h.id AS statement_id, h.previous_id AS previous_statement_id, h.capital, h.topic,
       h.previous_stance, h.stance, h.previous_on, h.stated_on,
       h.stated_on - h.previous_on AS days_between,
       h.speaker, h.quote, h.source_url, h.source_name,
       h.previous_speaker, h.previous_quote, h.previous_source_url
FROM stance_history() AS h
WHERE h.previous_stance IS NOT NULL
  AND h.stance <> h.previous_stance
  AND h.id IN (SELECT id FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text))
ORDER BY h.stated_on DESC, h.id DESC
LIMIT $limit;
