-- purpose: the topics the Edit topics pickers offer: those holding statements whose title contains $find ignoring case and accents (every one when $find is NULL or empty), by title, at most $limit of them (all when NULL), each with how many topics matched in all
-- params: $find VARCHAR, $limit INTEGER
-- returns: topic_id INTEGER, title VARCHAR, statements BIGINT, matching BIGINT
WITH held AS (
    SELECT topic_id, count(*) AS statements
    FROM statements
    GROUP BY topic_id
)
SELECT t.id AS topic_id, t.title, h.statements, count(*) OVER () AS matching
FROM held AS h JOIN topics AS t ON t.id = h.topic_id
WHERE matches_find(t.title, $find)
ORDER BY t.title, t.id
LIMIT $limit;
