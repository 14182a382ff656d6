-- purpose: drop the temp tables of the incremental refresh (stale groups, their cuts, tails and ends, the rows undos removed) once it is done
-- params: none
-- returns: nothing
DROP TABLE IF EXISTS stale_link_tails;
DROP TABLE IF EXISTS stale_link_ends;
DROP TABLE IF EXISTS stale_link_cuts;
DROP TABLE IF EXISTS stale_link_groups;
DROP TABLE IF EXISTS removed_links;
