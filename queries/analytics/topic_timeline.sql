-- purpose: every statement on the chosen topics (and other filters; the newest $limit, NULL = all), in order, with all provenance, whether it changed its capital's line, and the date of that capital's next statement on the topic (full history)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $limit BIGINT
-- returns: statement_id BIGINT, stated_on DATE, next_on DATE, capital VARCHAR, topic VARCHAR, stance VARCHAR, previous_stance VARCHAR, is_change BOOLEAN, speaker VARCHAR, speaker_role VARCHAR, quote VARCHAR, quote_language VARCHAR, source_url VARCHAR, source_name VARCHAR, notes VARCHAR, stance_origin VARCHAR, stance_confidence DOUBLE, batch_id INTEGER, recorded_at TIMESTAMPTZ
-- requires: stance_links, text_hits
-- The newest rows are chosen in stance_links (narrow, and filtered as every history query is),
-- and only those $limit statements are read whole: picking them from filtered_statements read
-- every column of all the topic's statements first (10M, busiest topic, 1.46M rows: 316 ms).
WITH newest AS (
    SELECT l.id, l.next_on, l.previous_stance
    FROM filtered_links($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text) AS l
    ORDER BY l.stated_on DESC, l.id DESC
    LIMIT $limit
)
SELECT s.id AS statement_id, s.stated_on, n.next_on, s.capital, t.title AS topic, s.stance,
       n.previous_stance, coalesce(s.stance <> n.previous_stance, false) AS is_change,
       s.speaker, s.speaker_role, s.quote, s.quote_language, s.source_url, s.source_name, s.notes,
       s.stance_origin, s.stance_confidence, s.batch_id, s.recorded_at
FROM newest AS n
JOIN statements AS s ON s.id = n.id
JOIN topics AS t ON t.id = s.topic_id
ORDER BY t.title, s.stated_on, s.id;
