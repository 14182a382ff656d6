-- purpose: from each cut (derived/changed_link_cuts, derived/known_link_cuts or derived/appended_link_cuts; a history has one, or one per changed place: seg) on, the rows of stance_links the incremental refresh redoes, kept in a temp table: the rows before the last one ahead of the cut are kept (a new statement at the end of a topic with a million redoes two rows, not the million), and so are the rows after the first one past the last change, but for their run numbers (see derived/shift_stale_runs)
-- params: none
-- returns: nothing
-- Rows before the cut are the same on both sides, so their links stand; only the last of them
-- (redo_*) gains a new next date, and the one before that (start_*) is where the window restarts,
-- with its run number. The redo row's old next row is at or after the cut (every row before the
-- cut is unchanged), so only rows whose next date is on or after the cut's date are candidates:
-- taking the latest of all rows before the cut grouped 2.4M rows at 10M (125 -> 45 ms). In the same
-- way the stop row's previous row is at or before the last change, so only rows whose previous
-- date is on or before it are candidates for the stop row: together, the rows from the cut to the
-- last change and one row either side (a cut per changed place then reads a few rows each). The start
-- row is the redo row's previous one. Rows after the last change are the same on both sides too:
-- the first of them (stop_*) gains a new previous row, and from the next one on the links stand;
-- each run number there moves by what the stop row's moved (50 statements undone from busy
-- topics at 1M redid 181,000 rows, of which 76 differed). Every row from the cut on has a next
-- date on or after it, so the same pass counts the rows redone (tail_rows: the redo row, the rows
-- from the cut to the last change, and the stop row).
-- The topic_id IN (...) repeats the join's key as a plain integer test, which DuckDB applies
-- in the scan before hashing (capital, topic_id) for the join: 1M, 50 new statements, 7.7 -> 6.8 ms
-- (the same in derived/delete_stale_links and derived/insert_stale_links).
CREATE OR REPLACE TEMP TABLE stale_link_tails AS
WITH redo AS (
    SELECT l.capital, l.topic_id, c.seg,
           max_by({'stated_on': l.stated_on, 'id': l.id, 'previous_id': l.previous_id},
                  (l.stated_on, l.id))
               FILTER (WHERE l.stated_on < c.cut_on OR (l.stated_on = c.cut_on AND l.id < c.cut_id))
               AS row,
           min_by({'stated_on': l.stated_on, 'id': l.id, 'next_on': l.next_on, 'run_no': l.run_no},
                  (l.stated_on, l.id))
               FILTER (WHERE l.stated_on > c.last_on OR (l.stated_on = c.last_on AND l.id > c.last_id))
               AS stop,
           count(*) FILTER (WHERE (l.stated_on > c.cut_on OR (l.stated_on = c.cut_on AND l.id >= c.cut_id))
                              AND (l.stated_on < c.last_on OR (l.stated_on = c.last_on AND l.id <= c.last_id)))
               AS changed
    FROM stance_links AS l
    JOIN stale_link_cuts AS c ON c.capital = l.capital AND c.topic_id = l.topic_id
    WHERE (l.next_on IS NULL OR l.next_on >= c.cut_on)
      AND (l.previous_on IS NULL OR l.previous_on <= c.last_on)
      AND l.topic_id IN (SELECT topic_id FROM stale_link_cuts)
    GROUP BY l.capital, l.topic_id, c.seg
)
SELECT c.capital, c.topic_id, c.seg,
       r.row.stated_on AS redo_on, r.row.id AS redo_id,
       s.stated_on AS start_on, s.id AS start_id, s.run_no AS start_run,
       r.stop.stated_on AS stop_on, r.stop.id AS stop_id, r.stop.next_on AS stop_next_on,
       r.stop.run_no AS stop_run,
       coalesce(r.changed, 0) + (r.row.id IS NOT NULL)::INTEGER + (r.stop.id IS NOT NULL)::INTEGER
           AS tail_rows
FROM stale_link_cuts AS c
LEFT JOIN redo AS r ON r.capital = c.capital AND r.topic_id = c.topic_id AND r.seg = c.seg
LEFT JOIN stance_links AS s ON s.id = r.row.previous_id;
