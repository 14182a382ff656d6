-- purpose: the sidebar's speaker choices when the store has more speakers than filter_options lists: the $chosen speakers that have statements (so a link can name any speaker), then up to $limit others whose name contains $find ignoring case and accents (any name when $find is NULL or empty), the most recently active, by name
-- params: $find VARCHAR, $chosen VARCHAR[], $limit INTEGER
-- returns: speaker VARCHAR, chosen BOOLEAN
WITH speaker_activity AS (
    SELECT speaker, max(stated_on) AS last_on, list_contains(coalesce($chosen, []), speaker) AS chosen
    FROM statements
    WHERE speaker IS NOT NULL
    GROUP BY speaker
)
SELECT speaker, chosen
FROM speaker_activity
WHERE chosen OR matches_find(speaker, $find)
QUALIFY chosen OR row_number() OVER (PARTITION BY chosen ORDER BY last_on DESC, speaker) <= $limit
ORDER BY chosen DESC, speaker;
