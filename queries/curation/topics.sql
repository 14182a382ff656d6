-- purpose: every topic row with how many live statements it holds (0: renamed, merged or undone away)
-- params: none
-- returns: topic_id INTEGER, title VARCHAR, statements BIGINT
SELECT t.id AS topic_id, t.title, count(s.id) AS statements
FROM topics AS t LEFT JOIN statements AS s ON s.topic_id = t.id
GROUP BY t.id, t.title
ORDER BY t.title;
