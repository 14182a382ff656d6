-- purpose: every statement on the chosen topics (and other filters), in order, with all provenance, whether it changed its capital's line, and the date of that capital's next statement on the topic (full history)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: statement_id BIGINT, stated_on DATE, next_on DATE, capital VARCHAR, topic VARCHAR, stance VARCHAR, previous_stance VARCHAR, is_change BOOLEAN, speaker VARCHAR, speaker_role VARCHAR, quote VARCHAR, quote_language VARCHAR, source_url VARCHAR, source_name VARCHAR, notes VARCHAR, stance_origin VARCHAR, stance_confidence DOUBLE, batch_id INTEGER, recorded_at TIMESTAMPTZ
SELECT h.id AS statement_id, h.stated_on, h.next_on, h.capital, h.topic, h.stance, h.previous_stance,
       coalesce(h.stance <> h.previous_stance, false) AS is_change,
       h.speaker, h.speaker_role, h.quote, h.quote_language, h.source_url, h.source_name, h.notes,
       h.stance_origin, h.stance_confidence, h.batch_id, h.recorded_at
FROM stance_history() AS h
WHERE h.id IN (SELECT id FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text))
ORDER BY h.topic, h.stated_on, h.id;
