-- purpose: topics on which the capitals' latest stances (under the filters) differ, one row per topic with each capital's latest stance and date; a stance filter keeps the topics where some capital's latest stance is one of those asked for
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: topic VARCHAR, last_on DATE, confirm VARCHAR[], deny VARCHAR[], no_comment VARCHAR[], latest STRUCT(capital VARCHAR, stance VARCHAR, stated_on DATE)[]
-- requires: stance_links, text_hits
WITH per_pair AS (
    SELECT topic_id, capital, arg_max(stance, (stated_on, id)) AS stance, max(stated_on) AS stated_on
    FROM filtered_links($start_on, $end_on, $capitals, $topics, NULL, $speakers, $text)
    GROUP BY topic_id, capital
),
latest AS (
    SELECT t.title AS topic, p.capital, p.stance, p.stated_on
    FROM per_pair AS p
    JOIN topics AS t ON t.id = p.topic_id
)
SELECT topic, max(stated_on) AS last_on,
       coalesce(list_sort(list(capital) FILTER (WHERE stance = 'confirm')), []) AS confirm,
       coalesce(list_sort(list(capital) FILTER (WHERE stance = 'deny')), []) AS deny,
       coalesce(list_sort(list(capital) FILTER (WHERE stance = 'no_comment')), []) AS no_comment,
       list({'capital': capital, 'stance': stance, 'stated_on': stated_on} ORDER BY capital) AS latest
FROM latest
GROUP BY topic
HAVING count(DISTINCT stance) > 1
   AND ($stances IS NULL OR len($stances) = 0 OR bool_or(list_contains($stances, stance)))
ORDER BY last_on DESC, topic;
