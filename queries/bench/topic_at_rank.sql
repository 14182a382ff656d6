-- purpose: the title of the topic at rank $rank by statement count (1 = busiest, ties by title), for the benchmark's narrow "one mid-tail topic" filter
-- params: $rank BIGINT
-- returns: topic VARCHAR, statements BIGINT
SELECT t.title AS topic, count(*) AS statements
FROM statements AS s
JOIN topics AS t ON t.id = s.topic_id
GROUP BY t.title
ORDER BY statements DESC, topic
LIMIT 1 OFFSET $rank - 1;
