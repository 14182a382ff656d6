-- purpose: where each (capital, topic) history first and last differs from stance_links when the only differences are statements with an id above its highest (db.LinksState.appended): the earliest and the latest of those in each group, by (date, arrival), kept in a temp table for derived/stale_link_tails
-- params: $upto BIGINT (stance_links' highest id, from db.links_state)
-- returns: nothing
CREATE OR REPLACE TEMP TABLE stale_link_cuts AS
SELECT capital, topic_id, 0 AS seg,
       arg_min(stated_on, (stated_on, id)) AS cut_on, arg_min(id, (stated_on, id)) AS cut_id,
       arg_max(stated_on, (stated_on, id)) AS last_on, arg_max(id, (stated_on, id)) AS last_id
FROM statements
WHERE stance IS NOT NULL AND id > $upto
GROUP BY capital, topic_id;
