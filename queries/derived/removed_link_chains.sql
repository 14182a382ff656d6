-- purpose: for each run of consecutive rows of a history that undos removed (removed_links, derived/removed_links), the row kept before it (keep_*) and the row kept after it (stop_*), and the run number the stop row takes (new_run): what db._remove_links relinks, in the table derived/shift_stale_runs reads (stale_link_tails), one stretch per run, in order (seg: the stop row's place, the link_key macro)
-- params: none
-- returns: nothing
-- The row kept before a run is the previous row of its first removed row (its head), whose
-- previous_* columns hold that row's id, stance and date, and whose run number less one when
-- the stance changed there is that row's. A removed row's head is found by following previous_id
-- through the removed rows alone. The row kept after a run is the kept row whose previous row was
-- removed: the one scan of stance_links here. No statement is read and no window runs over a
-- history. The first row of a history is run 1; derived/shift_stale_runs then moves every later
-- row by what the runs before it moved.
CREATE OR REPLACE TEMP TABLE stale_link_tails AS
WITH RECURSIVE up (id, ancestor) AS (
    SELECT id, previous_id FROM removed_links
    UNION ALL
    SELECT up.id, r.previous_id
    FROM up
    JOIN removed_links AS r ON r.id = up.ancestor
), kept_before AS (
    SELECT id, ancestor AS keep_id
    FROM up
    WHERE ancestor IS NULL OR ancestor NOT IN (SELECT id FROM removed_links)
), heads AS (
    SELECT capital, topic_id, previous_id AS keep_id, previous_on AS keep_on,
           previous_stance AS keep_stance,
           run_no - (previous_stance IS NOT NULL AND previous_stance <> stance)::INTEGER AS keep_run
    FROM removed_links
    WHERE previous_id IS NULL OR previous_id NOT IN (SELECT id FROM removed_links)
), stops AS (
    SELECT n.id, n.capital, n.topic_id, n.stated_on, n.stance, n.run_no, k.keep_id
    FROM stance_links AS n
    JOIN kept_before AS k ON k.id = n.previous_id
    WHERE n.previous_id IN (SELECT id FROM removed_links)
      AND n.id NOT IN (SELECT id FROM removed_links)
)
SELECT h.capital, h.topic_id, link_key(s.stated_on, s.id) AS seg,
       h.keep_id, h.keep_on, h.keep_stance,
       s.stated_on AS stop_on, s.id AS stop_id, s.run_no AS stop_run,
       CASE WHEN h.keep_id IS NULL THEN 1
            ELSE h.keep_run + (h.keep_stance <> s.stance)::INTEGER END AS new_run
FROM heads AS h
LEFT JOIN stops AS s ON s.capital = h.capital AND s.topic_id = h.topic_id
    AND s.keep_id IS NOT DISTINCT FROM h.keep_id;
