-- purpose: what the sidebar can offer: the capitals, topics (most recent activity first), speakers and date bounds present in the store
-- params: none
-- returns: capitals VARCHAR[], topics VARCHAR[], speakers VARCHAR[], first_on DATE, last_on DATE
WITH topic_activity AS (
    SELECT t.title, max(s.stated_on) AS last_on
    FROM statements AS s JOIN topics AS t ON t.id = s.topic_id
    GROUP BY t.title
)
SELECT (SELECT list(DISTINCT capital ORDER BY capital) FROM statements) AS capitals,
       (SELECT list(title ORDER BY last_on DESC, title) FROM topic_activity) AS topics,
       (SELECT list(DISTINCT speaker ORDER BY speaker) FROM statements WHERE speaker IS NOT NULL) AS speakers,
       (SELECT min(stated_on) FROM statements) AS first_on,
       (SELECT max(stated_on) FROM statements) AS last_on;
