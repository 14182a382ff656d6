-- purpose: per capital and topic that ever confirmed: first statement, first confirm, days between, and the stance before it; history is full, filters select the first-confirm statement
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: capital VARCHAR, topic VARCHAR, first_on DATE, first_confirm_on DATE, days_to_confirm BIGINT, stance_before_confirm VARCHAR, statements_before_confirm BIGINT, first_confirm_id BIGINT
-- requires: stance_links, text_hits
-- A first confirm shown must pass the capital and topic filters, and it is the first of its own
-- (capital, topic): only those groups are searched, over their full history (the other filters
-- apply to the first confirm below). 10M, one topic: 95 -> 65 ms.
WITH first_confirm AS (
    SELECT capital, topic_id, arg_min(id, (stated_on, id)) AS id
    FROM filtered_links(NULL, NULL, $capitals, $topics, NULL, NULL, NULL)
    WHERE stance = 'confirm'
    GROUP BY 1, 2
),
confirmed AS (
    SELECT l.*
    FROM filtered_links($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text) AS l
    WHERE l.id IN (SELECT id FROM first_confirm)
),
before AS (
    SELECT c.id, min(l.stated_on) AS first_on,
           count(*) FILTER (WHERE (l.stated_on, l.id) < (c.stated_on, c.id)) AS statements_before
    FROM confirmed AS c
    JOIN stance_links AS l ON l.capital = c.capital AND l.topic_id = c.topic_id
    GROUP BY c.id
)
SELECT c.capital, t.title AS topic, b.first_on, c.stated_on AS first_confirm_on,
       c.stated_on - b.first_on AS days_to_confirm,
       c.previous_stance AS stance_before_confirm,
       b.statements_before AS statements_before_confirm,
       c.id AS first_confirm_id
FROM confirmed AS c
JOIN before AS b ON b.id = c.id
JOIN topics AS t ON t.id = c.topic_id
ORDER BY days_to_confirm DESC, c.capital, topic;
