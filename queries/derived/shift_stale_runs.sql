-- purpose: after derived/insert_stale_links, move the run numbers of the rows of stance_links after each stale stretch's stop row (see derived/stale_link_tails) by what the stop rows up to them moved: their links stand, but a run the write joined or split before them changes their count of runs
-- params: none
-- returns: nothing
-- A stretch's rows were numbered from its start row's stored run number (insert_stale_links), so
-- its stop row moved by what the write changed in that stretch alone (delta). The rows after it,
-- up to and including the next stretch's stop row, move by the deltas of every stretch before
-- them: one range per stretch, each row in exactly one. Most small writes move no run number (a
-- statement undone in the middle of a run of one stance), and then this changes nothing. A
-- history has at most db.PLACES_PER_HISTORY stretches here; undos, which can make thousands,
-- move their run numbers with derived/shift_removed_runs.
UPDATE stance_links AS l
SET run_no = l.run_no + d.shift
FROM (
    SELECT capital, topic_id, stop_on, stop_id,
           lead(stop_on) OVER stretches AS next_on, lead(stop_id) OVER stretches AS next_id,
           sum(delta) OVER stretches AS shift
    FROM (
        SELECT t.capital, t.topic_id, t.seg, t.stop_on, t.stop_id, n.run_no - t.stop_run AS delta
        FROM stale_link_tails AS t
        JOIN stance_links AS n ON n.id = t.stop_id
    )
    WINDOW stretches AS (PARTITION BY capital, topic_id ORDER BY seg)
) AS d
WHERE d.shift <> 0
  AND l.capital = d.capital AND l.topic_id = d.topic_id
  AND l.topic_id IN (SELECT topic_id FROM stale_link_tails)
  AND (l.stated_on > d.stop_on OR (l.stated_on = d.stop_on AND l.id > d.stop_id))
  AND (d.next_id IS NULL OR l.stated_on < d.next_on
       OR (l.stated_on = d.next_on AND l.id <= d.next_id));
