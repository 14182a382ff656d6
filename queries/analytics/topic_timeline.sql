-- purpose: every statement on the chosen topics (and other filters; the newest $limit, NULL = all), in order, with all provenance, whether it changed its capital's line, and the date of that capital's next statement on the topic (full history)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $limit BIGINT
-- returns: statement_id BIGINT, stated_on DATE, next_on DATE, capital VARCHAR, topic VARCHAR, stance VARCHAR, previous_stance VARCHAR, is_change BOOLEAN, speaker VARCHAR, speaker_role VARCHAR, quote VARCHAR, quote_language VARCHAR, source_url VARCHAR, source_name VARCHAR, notes VARCHAR, stance_origin VARCHAR, stance_confidence DOUBLE, batch_id INTEGER, recorded_at TIMESTAMPTZ
-- requires: stance_links, text_hits
WITH newest AS (
    SELECT f.*
    FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text) AS f
    ORDER BY f.stated_on DESC, f.id DESC
    LIMIT $limit
)
SELECT f.id AS statement_id, f.stated_on, l.next_on, f.capital, f.topic, f.stance, l.previous_stance,
       coalesce(f.stance <> l.previous_stance, false) AS is_change,
       f.speaker, f.speaker_role, f.quote, f.quote_language, f.source_url, f.source_name, f.notes,
       f.stance_origin, f.stance_confidence, f.batch_id, f.recorded_at
FROM newest AS f
JOIN stance_links AS l ON l.id = f.id
ORDER BY f.topic, f.stated_on, f.id;
