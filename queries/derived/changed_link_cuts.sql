-- purpose: where each stale (capital, topic) history (derived/stale_link_groups) first and last differs from stance_links, by comparing their rows: the earliest and the latest place, by (date, arrival), of a row that is new, gone or different in the group, kept in a temp table for derived/stale_link_tails
-- params: none
-- returns: nothing
-- Counted on each side: a row moved between topics cuts both. When statements only arrived,
-- derived/appended_link_cuts finds the same cuts from the new statements alone.
CREATE OR REPLACE TEMP TABLE stale_link_cuts AS
WITH now AS (
    SELECT s.id, s.capital, s.topic_id, s.stated_on, s.stance, s.speaker
    FROM statements AS s
    SEMI JOIN stale_link_groups AS g ON g.capital = s.capital AND g.topic_id = s.topic_id
    WHERE s.stance IS NOT NULL
), built AS (
    SELECT l.id, l.capital, l.topic_id, l.stated_on, l.stance, l.speaker
    FROM stance_links AS l
    SEMI JOIN stale_link_groups AS g ON g.capital = l.capital AND g.topic_id = l.topic_id
), changed AS (
    SELECT n.id AS n_id, n.capital AS n_capital, n.topic_id AS n_topic, n.stated_on AS n_on,
           b.id AS b_id, b.capital AS b_capital, b.topic_id AS b_topic, b.stated_on AS b_on
    FROM now AS n
    FULL OUTER JOIN built AS b ON b.id = n.id
    WHERE n.id IS NULL OR b.id IS NULL
       OR n.capital IS DISTINCT FROM b.capital OR n.topic_id IS DISTINCT FROM b.topic_id
       OR n.stated_on IS DISTINCT FROM b.stated_on OR n.stance IS DISTINCT FROM b.stance
       OR n.speaker IS DISTINCT FROM b.speaker
), places AS (
    SELECT n_capital AS capital, n_topic AS topic_id, n_on AS stated_on, n_id AS id
    FROM changed WHERE n_id IS NOT NULL
    UNION ALL
    SELECT b_capital, b_topic, b_on, b_id FROM changed WHERE b_id IS NOT NULL
), cuts AS (
    SELECT capital, topic_id,
           arg_min(stated_on, (stated_on, id)) AS cut_on, arg_min(id, (stated_on, id)) AS cut_id,
           arg_max(stated_on, (stated_on, id)) AS last_on, arg_max(id, (stated_on, id)) AS last_id
    FROM places
    GROUP BY capital, topic_id
)
SELECT capital, topic_id, 0 AS seg, cut_on, cut_id, last_on, last_id FROM cuts;
