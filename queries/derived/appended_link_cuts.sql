-- purpose: where each (capital, topic) history first and last differs from stance_links when the only differences are statements with an id above its highest (db.LinksState.appended): the earliest and the latest of those in each group, by (date, arrival), kept in a temp table for derived/stale_link_tails; in a history with at most $places_per_history of them, each is a cut of its own (seg 1, 2, ...), as in derived/known_link_cuts
-- params: $upto BIGINT (stance_links' highest id, from db.links_state), $places_per_history INTEGER (0: one cut per history, which derived/appended_link_ends needs)
-- returns: nothing
CREATE OR REPLACE TEMP TABLE stale_link_cuts AS
WITH places AS (
    SELECT capital, topic_id, stated_on, id,
           CASE WHEN count(*) OVER (PARTITION BY capital, topic_id) <= $places_per_history
                THEN row_number() OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id)
                ELSE 0 END AS seg
    FROM statements
    WHERE stance IS NOT NULL AND id > $upto
)
SELECT capital, topic_id, seg,
       arg_min(stated_on, (stated_on, id)) AS cut_on, arg_min(id, (stated_on, id)) AS cut_id,
       arg_max(stated_on, (stated_on, id)) AS last_on, arg_max(id, (stated_on, id)) AS last_id
FROM places
GROUP BY capital, topic_id, seg;
