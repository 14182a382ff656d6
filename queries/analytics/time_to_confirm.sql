-- purpose: per capital and topic that ever confirmed: first statement, first confirm, days between, and the stance before it; history is full, filters select the first-confirm statement
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: capital VARCHAR, topic VARCHAR, first_on DATE, first_confirm_on DATE, days_to_confirm BIGINT, stance_before_confirm VARCHAR, statements_before_confirm BIGINT, first_confirm_id BIGINT
WITH h AS (
    SELECT *, row_number() OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS n
    FROM stance_history()
),
first_confirm AS (
    SELECT capital, topic_id, min(n) AS n FROM h WHERE stance = 'confirm' GROUP BY 1, 2
)
SELECT h.capital, h.topic,
       (SELECT min(x.stated_on) FROM h AS x WHERE x.capital = h.capital AND x.topic_id = h.topic_id) AS first_on,
       h.stated_on AS first_confirm_on,
       h.stated_on - (SELECT min(x.stated_on) FROM h AS x WHERE x.capital = h.capital AND x.topic_id = h.topic_id) AS days_to_confirm,
       h.previous_stance AS stance_before_confirm,
       h.n - 1 AS statements_before_confirm,
       h.id AS first_confirm_id
FROM h
JOIN first_confirm AS c ON c.capital = h.capital AND c.topic_id = h.topic_id AND c.n = h.n
WHERE h.id IN (SELECT id FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text))
ORDER BY days_to_confirm DESC, h.capital, h.topic;
