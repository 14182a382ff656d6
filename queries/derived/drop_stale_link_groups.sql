-- purpose: drop the temp tables of the incremental refresh (stale groups, their cuts, tails and ends) once it is done
-- params: none
-- returns: nothing
DROP TABLE IF EXISTS stale_link_tails;
DROP TABLE IF EXISTS stale_link_ends;
DROP TABLE IF EXISTS stale_link_cuts;
DROP TABLE IF EXISTS stale_link_groups;
