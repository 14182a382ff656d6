-- purpose: what the sidebar can offer: the capitals, the $topic_limit most recently active topics (a store of 20,000 topics would otherwise send every title to the browser on every run; analytics/topic_options finds the others), how many topics have statements, the speakers and the date bounds present in the store
-- params: $topic_limit INTEGER
-- returns: capitals VARCHAR[], topics VARCHAR[], topic_count BIGINT, speakers VARCHAR[], first_on DATE, last_on DATE
WITH topic_activity AS (
    SELECT topic_id, max(stated_on) AS last_on
    FROM statements
    GROUP BY topic_id
),
recent AS (
    SELECT t.title, a.last_on
    FROM topic_activity AS a JOIN topics AS t ON t.id = a.topic_id
    ORDER BY a.last_on DESC, t.title
    LIMIT $topic_limit
)
SELECT (SELECT list(DISTINCT capital ORDER BY capital) FROM statements) AS capitals,
       (SELECT list(title ORDER BY last_on DESC, title) FROM recent) AS topics,
       (SELECT count(*) FROM topic_activity) AS topic_count,
       (SELECT list(DISTINCT speaker ORDER BY speaker) FROM statements WHERE speaker IS NOT NULL) AS speakers,
       (SELECT min(stated_on) FROM statements) AS first_on,
       (SELECT max(stated_on) FROM statements) AS last_on;
