-- purpose: per topic under the filters: statements, capitals, stance changes and last activity; most recent first, or most changes first when $by_changes (at most $limit rows; NULL = all)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $by_changes BOOLEAN, $limit BIGINT
-- returns: topic VARCHAR, statements BIGINT, capitals BIGINT, changes BIGINT, first_on DATE, last_on DATE
-- requires: stance_links
WITH f AS (
    SELECT id, topic, capital, stated_on
    FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
),
changed AS (
    SELECT id FROM stance_links WHERE previous_stance <> stance
)
SELECT f.topic, count(*) AS statements, count(DISTINCT f.capital) AS capitals,
       count(c.id) AS changes, min(f.stated_on) AS first_on, max(f.stated_on) AS last_on
FROM f
LEFT JOIN changed AS c ON c.id = f.id
GROUP BY f.topic
ORDER BY CASE WHEN $by_changes THEN count(c.id) END DESC, last_on DESC, topic
LIMIT $limit;
