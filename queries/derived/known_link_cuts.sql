-- purpose: where each (capital, topic) history first and last differs from stance_links when the undos and reviews since it last saw them (the changed_statement_ids macro) and the statements above its highest id are every difference (db._known_link_changes): the earliest and latest place, by (date, arrival), of those rows as stored and as they are now, kept in a temp table for derived/stale_link_tails; in a history with at most $places_per_history places, each place is a cut of its own (seg 1, 2, ... in the history's order), for derived/merge_stale_link_tails to join where their tails overlap
-- params: $upto BIGINT (stance_links' highest id), $archived_us BIGINT, $revision_id BIGINT (derived/links_marks), $places_per_history INTEGER (0: one cut per history)
-- returns: nothing
-- Found from the changed rows alone: derived/changed_link_cuts compares every row of the groups
-- they fall in (1M, 50 statements undone from busy topics: 39 ms, and 24 ms to find the groups).
CREATE OR REPLACE TEMP TABLE stale_link_cuts AS
WITH places AS (
    SELECT capital, topic_id, stated_on, id
    FROM stance_links
    WHERE id IN (SELECT id FROM changed_statement_ids($upto, $archived_us, $revision_id))
    UNION ALL
    SELECT capital, topic_id, stated_on, id
    FROM statements
    WHERE stance IS NOT NULL
      AND (id > $upto
           OR id IN (SELECT id FROM changed_statement_ids($upto, $archived_us, $revision_id)))
)
, numbered AS (
    SELECT *,
           CASE WHEN count(*) OVER (PARTITION BY capital, topic_id) <= $places_per_history
                THEN row_number() OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id)
                ELSE 0 END AS seg
    FROM places
)
SELECT capital, topic_id, seg,
       arg_min(stated_on, (stated_on, id)) AS cut_on, arg_min(id, (stated_on, id)) AS cut_id,
       arg_max(stated_on, (stated_on, id)) AS last_on, arg_max(id, (stated_on, id)) AS last_id
FROM numbered
GROUP BY capital, topic_id, seg;
