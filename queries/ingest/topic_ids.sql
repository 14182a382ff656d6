-- purpose: every topic title with the id its statements go to, to match incoming titles (case- and space-insensitively, in Python); a renamed or merged title resolves to the topic it now lives in
-- params: none
-- returns: id INTEGER, title VARCHAR
WITH RECURSIVE active AS (
    SELECT from_topic_id, into_topic_id FROM topic_edits WHERE reversed_at IS NULL
), walk(start_id, id, depth) AS (
    SELECT id, id, 0 FROM topics
    UNION ALL
    SELECT w.start_id, a.into_topic_id, w.depth + 1
    FROM walk AS w JOIN active AS a ON a.from_topic_id = w.id
    WHERE w.depth < 100
), resolved AS (
    SELECT start_id, arg_max(id, depth) AS id FROM walk GROUP BY start_id
)
SELECT r.id, t.title
FROM topics AS t JOIN resolved AS r ON r.start_id = t.id
ORDER BY (r.id = t.id) DESC, t.id;
