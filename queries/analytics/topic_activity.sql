-- purpose: per topic under the filters: statements, capitals, stance changes and last activity; most recent first, or most changes first when $by_changes (at most $limit rows; NULL = all), each row with how many topics there are under the filters in all
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $by_changes BOOLEAN, $limit BIGINT
-- returns: topic VARCHAR, statements BIGINT, capitals BIGINT, changes BIGINT, first_on DATE, last_on DATE, topic_count BIGINT
-- requires: stance_links, text_hits
WITH per_topic AS (
    SELECT topic_id, count(*) AS statements, count(DISTINCT capital) AS capitals,
           count(*) FILTER (WHERE previous_stance <> stance) AS changes,
           min(stated_on) AS first_on, max(stated_on) AS last_on
    FROM filtered_links($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
    GROUP BY topic_id
)
SELECT t.title AS topic, p.statements, p.capitals, p.changes, p.first_on, p.last_on,
       count(*) OVER () AS topic_count
FROM per_topic AS p
JOIN topics AS t ON t.id = p.topic_id
ORDER BY CASE WHEN $by_changes THEN p.changes END DESC, p.last_on DESC, topic
LIMIT $limit;
