-- purpose: the rows of stance_links that the incremental refresh redoes, computed as a whole rebuild (the capital_links macro) computes every group, over the part of each stale group that changed only (see stale_link_tails)
-- params: none
-- returns: nothing
-- The window is written out here as in capital_links (schema/macros.sql), not shared through a view:
-- with a view DuckDB no longer restricts both windows to the stale groups (1M: 212 -> 500 ms).
-- It restarts at start_* (its own links are kept): that row has no row before it in the window,
-- so it counts as a new run there, and its stored run number less one carries the count on. It
-- ends at stop_*, whose next row is outside it: that row keeps its stored next date. A history
-- redone in stretches (seg, derived/merge_stale_link_tails) has a window per stretch; a row that
-- is one stretch's stop and the next one's start is in both, and inserted once (as the stop).
-- The run numbers are the stretch's own: derived/shift_stale_runs adds what earlier stretches
-- moved.
-- tests/unit/test_links_refresh.py requires the result to equal a whole rebuild.
INSERT INTO stance_links
SELECT id, capital, topic_id, stated_on, stance, speaker,
       previous_id, previous_stance, previous_on, next_on, run_no
FROM (
    SELECT *,
           CAST(coalesce(start_run - 1, 0)
                + sum((previous_stance IS NULL OR previous_stance <> stance)::INTEGER)
                  OVER (PARTITION BY capital, topic_id, seg ORDER BY stated_on, id) AS BIGINT) AS run_no
    FROM (
        SELECT s.id, s.capital, s.topic_id, s.stated_on, s.stance, s.speaker,
               lag(s.id) OVER w AS previous_id,
               lag(s.stance) OVER w AS previous_stance,
               lag(s.stated_on) OVER w AS previous_on,
               CASE WHEN s.id = t.stop_id THEN t.stop_next_on
                    ELSE lead(s.stated_on) OVER w END AS next_on,
               t.seg, t.redo_on, t.redo_id, t.start_run
        FROM statements AS s
        JOIN stale_link_tails AS t ON t.capital = s.capital AND t.topic_id = s.topic_id
        WHERE s.stance IS NOT NULL
          AND s.topic_id IN (SELECT topic_id FROM stale_link_tails)
          AND (t.start_id IS NULL OR s.stated_on > t.start_on
               OR (s.stated_on = t.start_on AND s.id >= t.start_id))
          AND (t.stop_id IS NULL OR s.stated_on < t.stop_on
               OR (s.stated_on = t.stop_on AND s.id <= t.stop_id))
        WINDOW w AS (PARTITION BY s.capital, s.topic_id, t.seg ORDER BY s.stated_on, s.id)
    )
)
WHERE redo_id IS NULL OR stated_on > redo_on OR (stated_on = redo_on AND id >= redo_id);
