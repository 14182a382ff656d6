-- purpose: the sidebar's topic choices when the store has more topics than filter_options lists: the $chosen titles that have statements (so a link or a click can name any topic), then up to $limit others whose title contains $find ignoring case and accents (any title when $find is NULL or empty), most recently active first
-- params: $find VARCHAR, $chosen VARCHAR[], $limit INTEGER
-- returns: title VARCHAR, chosen BOOLEAN
WITH topic_activity AS (
    SELECT topic_id, max(stated_on) AS last_on
    FROM statements
    GROUP BY topic_id
),
candidates AS (
    SELECT t.title, a.last_on, list_contains(coalesce($chosen, []), t.title) AS chosen
    FROM topic_activity AS a JOIN topics AS t ON t.id = a.topic_id
)
SELECT title, chosen
FROM candidates
WHERE chosen OR matches_find(title, $find)
QUALIFY chosen OR row_number() OVER (PARTITION BY chosen ORDER BY last_on DESC, title) <= $limit
ORDER BY chosen DESC, last_on DESC, title;
