-- purpose: after derived/insert_stale_links, move the run numbers of the rows of stance_links after each stale group's stop row (see stale_link_tails) by what the stop row's moved: their links stand, but a run the write joined or split before them changes their count of runs
-- params: none
-- returns: nothing
-- Most small writes move no run number (a statement undone in the middle of a run of one stance),
-- and then this changes nothing.
UPDATE stance_links AS l
SET run_no = l.run_no + d.shift
FROM (
    SELECT t.capital, t.topic_id, t.stop_on, t.stop_id, n.run_no - t.stop_run AS shift
    FROM stale_link_tails AS t
    JOIN stance_links AS n ON n.id = t.stop_id
    WHERE n.run_no <> t.stop_run
) AS d
WHERE l.capital = d.capital AND l.topic_id = d.topic_id
  AND l.topic_id IN (SELECT topic_id FROM stale_link_tails)
  AND (l.stated_on > d.stop_on OR (l.stated_on = d.stop_on AND l.id > d.stop_id));
