-- purpose: for each run of consecutive rows of a history that undos removed (removed_links, derived/removed_links), the row kept before it (keep_*) and the row kept after it (stop_*), and the run number the stop row takes (new_run): what db._remove_links relinks, in the table derived/shift_removed_runs reads (stale_link_tails), one stretch per run, in order (seg: the stop row's place, the link_key macro)
-- params: none
-- returns: nothing
-- A removed row whose previous row stays (or that has none) starts a run: in each history's
-- removed rows by place, the count of starts so far numbers the runs. The row kept before a run
-- is its first row's previous row, whose id, stance and date that row's previous_* columns hold,
-- and whose run number is that row's less one when the stance changed there. The row kept after
-- a run is the row whose previous row is the run's last: the one scan of stance_links here. All
-- of it is linear in the removed rows: no statement is read and no window runs over a history
-- (following previous_id from each removed row back to its run's first row, as this first did,
-- made k(k+1)/2 rows for a run of k). The first row of a history is run 1;
-- derived/shift_removed_runs then moves every later row by what the runs before it moved.
CREATE OR REPLACE TEMP TABLE stale_link_tails AS
WITH marked AS (
    SELECT *,
           (previous_id IS NULL OR previous_id NOT IN (SELECT id FROM removed_links))::INTEGER
               AS starts
    FROM removed_links
), numbered AS (
    SELECT *, sum(starts) OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS run
    FROM marked
), runs AS (
    SELECT capital, topic_id,
           arg_min_null(previous_id, (stated_on, id)) AS keep_id,
           arg_min_null(previous_on, (stated_on, id)) AS keep_on,
           arg_min_null(previous_stance, (stated_on, id)) AS keep_stance,
           arg_min_null(run_no - (previous_stance IS NOT NULL AND previous_stance <> stance)::INTEGER,
                        (stated_on, id)) AS keep_run,
           arg_max(id, (stated_on, id)) AS last_id
    FROM numbered
    GROUP BY capital, topic_id, run
), stops AS (
    SELECT id, stated_on, stance, run_no, previous_id
    FROM stance_links
    WHERE previous_id IN (SELECT id FROM removed_links)
      AND id NOT IN (SELECT id FROM removed_links)
)
SELECT u.capital, u.topic_id, link_key(s.stated_on, s.id) AS seg,
       u.keep_id, u.keep_on, u.keep_stance,
       s.stated_on AS stop_on, s.id AS stop_id, s.run_no AS stop_run,
       CASE WHEN u.keep_id IS NULL THEN 1
            ELSE u.keep_run + (u.keep_stance <> s.stance)::INTEGER END AS new_run
FROM runs AS u
LEFT JOIN stops AS s ON s.previous_id = u.last_id;
