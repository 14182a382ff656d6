-- purpose: per capital and topic, the latest stance under the filters (by date, then arrival), with its provenance, the number of statements, and is_mixed when that last day holds more than one stance; a stance filter selects among the latest stances, it never picks an older statement
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: capital VARCHAR, topic VARCHAR, stance VARCHAR, stated_on DATE, speaker VARCHAR, quote VARCHAR, source_url VARCHAR, source_name VARCHAR, statement_id BIGINT, statements BIGINT, first_on DATE, is_mixed BOOLEAN, last_day_stances VARCHAR[]
-- requires: stance_links, text_hits
WITH f AS (
    SELECT * FROM filtered_links($start_on, $end_on, $capitals, $topics, NULL, $speakers, $text)
),
last_day AS (
    SELECT capital, topic_id, max(stated_on) AS stated_on, count(*) AS statements, min(stated_on) AS first_on
    FROM f
    GROUP BY 1, 2
),
on_last_day AS (
    SELECT f.capital, f.topic_id, list_sort(list_distinct(list(f.stance))) AS last_day_stances,
           max(f.id) AS statement_id
    FROM f
    JOIN last_day AS d USING (capital, topic_id, stated_on)
    GROUP BY 1, 2
)
SELECT s.capital, t.title AS topic, s.stance, s.stated_on, s.speaker, s.quote, s.source_url,
       s.source_name, s.id AS statement_id, d.statements, d.first_on,
       len(o.last_day_stances) > 1 AS is_mixed, o.last_day_stances
FROM on_last_day AS o
JOIN statements AS s ON s.id = o.statement_id
JOIN topics AS t ON t.id = s.topic_id
JOIN last_day AS d ON d.capital = o.capital AND d.topic_id = o.topic_id
WHERE $stances IS NULL OR len($stances) = 0 OR list_contains($stances, s.stance)
ORDER BY s.stated_on DESC, s.capital, topic;
