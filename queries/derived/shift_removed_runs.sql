-- purpose: after undos alone (db._remove_links: derived/relink_removed_links), move the run numbers of the rows of stance_links after each removed run's stop row (derived/removed_link_chains) by what the stop rows up to them moved, as derived/shift_stale_runs does after a redo; here a history may have any number of stretches, one per run of removed rows
-- params: none
-- returns: nothing
-- Each stop row moved by what its own stretch changed (delta: its new run number against the
-- stored one). Every row after it, up to and including the next stop row, moves by the deltas of
-- every stretch up to it (shift): each row takes the shift of the last stop row before it in its
-- history, found by an ASOF join on the rows' places (the link_key macro); only rows after a
-- history's first stop that moves are read. derived/shift_stale_runs's way, each row of a history
-- against each stretch's range, makes rows x stretches pairs, and an undo of many statements
-- makes thousands of stretches in a busy history: 50,000 statements undone at 1M took 1.4 s
-- there, 77 ms here (10,000: 268 -> 39 ms; 50: 8.2 and 9.0 ms). A redo has at most
-- db.PLACES_PER_HISTORY stretches a history, and for it the ranges are quicker (50 statements
-- dated inside their histories: 21 ms there, 57 ms here): it keeps derived/shift_stale_runs.
UPDATE stance_links AS l
SET run_no = l.run_no + s.shift
FROM (
    WITH d AS MATERIALIZED (
        SELECT capital, topic_id, stop_key,
               sum(delta) OVER (PARTITION BY capital, topic_id ORDER BY stop_key) AS shift
        FROM (
            SELECT t.capital, t.topic_id, link_key(t.stop_on, t.stop_id) AS stop_key,
                   n.run_no - t.stop_run AS delta
            FROM stale_link_tails AS t
            JOIN stance_links AS n ON n.id = t.stop_id
        )
    ), moved AS (
        SELECT capital, topic_id, min(stop_key) AS from_key
        FROM d
        WHERE shift <> 0
        GROUP BY capital, topic_id
    )
    SELECT r.id, d.shift
    FROM (
        SELECT x.id, x.capital, x.topic_id, link_key(x.stated_on, x.id) AS place
        FROM stance_links AS x
        JOIN moved AS m ON m.capital = x.capital AND m.topic_id = x.topic_id
        WHERE x.topic_id IN (SELECT topic_id FROM moved)
          AND link_key(x.stated_on, x.id) > m.from_key
    ) AS r
    ASOF JOIN d
      ON r.capital = d.capital AND r.topic_id = d.topic_id AND r.place > d.stop_key
    WHERE d.shift <> 0
) AS s
WHERE l.id = s.id;
