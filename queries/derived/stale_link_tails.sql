-- purpose: where each stale group's history stops matching stance_links, kept in a temp table for the incremental refresh: the rows from there on are redone, the rows before are kept (a new statement at the end of a topic with a million redoes two rows, not the million)
-- params: none
-- returns: nothing
-- The cut is the earliest place, by (date, arrival), of a row that is new, gone or different in
-- the group, counted on each side (a row moved between topics cuts both). Rows before it are the
-- same on both sides, so their links stand; only the last of them (redo_*) gains a new next date,
-- and the one before that (start_*) is where the window restarts, with its run number.
CREATE OR REPLACE TEMP TABLE stale_link_tails AS
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
           arg_min(stated_on, (stated_on, id)) AS cut_on, arg_min(id, (stated_on, id)) AS cut_id
    FROM places
    GROUP BY capital, topic_id
), ahead AS (
    -- the two rows just before the cut, newest first
    SELECT l.capital, l.topic_id,
           max_by({'stated_on': l.stated_on, 'id': l.id, 'run_no': l.run_no},
                  (l.stated_on, l.id), 2) AS last_two
    FROM stance_links AS l
    JOIN cuts AS c ON c.capital = l.capital AND c.topic_id = l.topic_id
    WHERE l.stated_on < c.cut_on OR (l.stated_on = c.cut_on AND l.id < c.cut_id)
    GROUP BY l.capital, l.topic_id
)
SELECT c.capital, c.topic_id,
       a.last_two[1].stated_on AS redo_on, a.last_two[1].id AS redo_id,
       a.last_two[2].stated_on AS start_on, a.last_two[2].id AS start_id,
       a.last_two[2].run_no AS start_run
FROM cuts AS c
LEFT JOIN ahead AS a ON a.capital = c.capital AND a.topic_id = c.topic_id;
