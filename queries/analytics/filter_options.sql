-- purpose: what the sidebar can offer: the capitals; the $list_limit most recently active topics and speakers (a store of 20,000 topics would otherwise send every title to the browser on every run; analytics/topic_options and analytics/speaker_options find the others) with how many of each have statements; the date bounds present in the store
-- params: $list_limit INTEGER
-- returns: capitals VARCHAR[], topics VARCHAR[], topic_count BIGINT, speakers VARCHAR[], speaker_count BIGINT, first_on DATE, last_on DATE
WITH topic_activity AS (
    SELECT topic_id, max(stated_on) AS last_on
    FROM statements
    GROUP BY topic_id
),
recent_topics AS (
    SELECT t.title, a.last_on
    FROM topic_activity AS a JOIN topics AS t ON t.id = a.topic_id
    ORDER BY a.last_on DESC, t.title
    LIMIT $list_limit
),
speaker_activity AS (
    SELECT speaker, max(stated_on) AS last_on
    FROM statements
    WHERE speaker IS NOT NULL
    GROUP BY speaker
),
recent_speakers AS (
    SELECT speaker
    FROM speaker_activity
    ORDER BY last_on DESC, speaker
    LIMIT $list_limit
)
SELECT (SELECT list(DISTINCT capital ORDER BY capital) FROM statements) AS capitals,
       (SELECT list(title ORDER BY last_on DESC, title) FROM recent_topics) AS topics,
       (SELECT count(*) FROM topic_activity) AS topic_count,
       (SELECT list(speaker ORDER BY speaker) FROM recent_speakers) AS speakers,
       (SELECT count(*) FROM speaker_activity) AS speaker_count,
       (SELECT min(stated_on) FROM statements) AS first_on,
       (SELECT max(stated_on) FROM statements) AS last_on;
