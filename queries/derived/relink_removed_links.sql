-- purpose: join each history across the rows undos removed (derived/removed_link_chains): the row after a removed run takes the row kept before it as its previous row, and the run number that gives it; the row kept before it takes its date as the next date (none when the run ended the history)
-- params: none
-- returns: nothing
UPDATE stance_links AS n
SET previous_id = t.keep_id, previous_stance = t.keep_stance, previous_on = t.keep_on,
    run_no = t.new_run
FROM stale_link_tails AS t
WHERE n.id = t.stop_id;
UPDATE stance_links AS p
SET next_on = t.stop_on
FROM stale_link_tails AS t
WHERE p.id = t.keep_id;
