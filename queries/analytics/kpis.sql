-- purpose: statements, topics and stance changes in the filtered window and in the previous window of equal length (open bounds take the data's first/last date)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: window_start DATE, window_end DATE, statements BIGINT, topics BIGINT, changes BIGINT, previous_start DATE, previous_end DATE, previous_statements BIGINT, previous_topics BIGINT, previous_changes BIGINT
-- requires: stance_links, text_hits
WITH undated AS (
    SELECT id, topic_id, stated_on, previous_stance <> stance AS is_change
    FROM filtered_links(NULL, NULL, $capitals, $topics, $stances, $speakers, $text)
),
w AS (
    SELECT coalesce($start_on, min(stated_on)) AS s, coalesce($end_on, max(stated_on)) AS e FROM undated
),
bounds AS (
    SELECT s, e, s - CAST(e - s + 1 AS INTEGER) AS ps, s - 1 AS pe FROM w
)
SELECT b.s AS window_start, b.e AS window_end,
       count(u.id) FILTER (WHERE u.stated_on BETWEEN b.s AND b.e) AS statements,
       count(DISTINCT u.topic_id) FILTER (WHERE u.stated_on BETWEEN b.s AND b.e) AS topics,
       count(u.id) FILTER (WHERE coalesce(u.is_change, false) AND u.stated_on BETWEEN b.s AND b.e) AS changes,
       b.ps AS previous_start, b.pe AS previous_end,
       count(u.id) FILTER (WHERE u.stated_on BETWEEN b.ps AND b.pe) AS previous_statements,
       count(DISTINCT u.topic_id) FILTER (WHERE u.stated_on BETWEEN b.ps AND b.pe) AS previous_topics,
       count(u.id) FILTER (WHERE coalesce(u.is_change, false) AND u.stated_on BETWEEN b.ps AND b.pe) AS previous_changes
FROM bounds AS b
LEFT JOIN undated AS u ON true
GROUP BY b.s, b.e, b.ps, b.pe;
