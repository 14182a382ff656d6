-- purpose: each run of one stance held by a capital on a topic (consecutive statements with the same stance, full history) for the capitals and topics under the filters, overlapping the date window: start, end (the next run's start; NULL while it holds), statements in it, its first statement; the newest $limit runs (NULL = all)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $limit BIGINT
-- returns: capital VARCHAR, topic VARCHAR, stance VARCHAR, start_on DATE, end_on DATE, statements BIGINT, is_change BOOLEAN, first_id BIGINT, speaker VARCHAR, quote VARCHAR, source_name VARCHAR, source_url VARCHAR
-- requires: stance_links, text_hits
-- A capital's stance holds into the window even if it said nothing inside it: pairs ignore dates
-- and stances (those apply to the runs below).
WITH pairs AS (
    SELECT DISTINCT capital, topic_id
    FROM filtered_links(NULL, NULL, $capitals, $topics, NULL, $speakers, $text)
),
numbered AS (
    SELECT l.*
    FROM stance_links AS l
    JOIN pairs AS p ON p.capital = l.capital AND p.topic_id = l.topic_id
),
runs AS (
    SELECT capital, topic_id, run_no, any_value(stance) AS stance, min(stated_on) AS start_on,
           count(*) AS statements, arg_min(id, (stated_on, id)) AS first_id,
           bool_or(previous_stance IS NOT NULL AND previous_stance <> stance) AS is_change
    FROM numbered
    GROUP BY 1, 2, 3
),
spans AS (
    SELECT *, lead(start_on) OVER (PARTITION BY capital, topic_id ORDER BY run_no) AS end_on
    FROM runs
),
shown AS (
    SELECT *
    FROM spans
    WHERE ($end_on IS NULL OR start_on <= $end_on)
      AND ($start_on IS NULL OR end_on IS NULL OR end_on >= $start_on)
      AND ($stances IS NULL OR len($stances) = 0 OR list_contains($stances, stance))
    ORDER BY start_on DESC, first_id DESC
    LIMIT $limit
)
SELECT r.capital, t.title AS topic, r.stance, r.start_on, r.end_on, r.statements, r.is_change,
       r.first_id, s.speaker, s.quote, s.source_name, s.source_url
FROM shown AS r
JOIN statements AS s ON s.id = r.first_id
JOIN topics AS t ON t.id = r.topic_id
ORDER BY topic, r.capital, r.start_on;
