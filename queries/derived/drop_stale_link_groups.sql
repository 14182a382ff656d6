-- purpose: drop the temp table of stale groups once the incremental refresh is done
-- params: none
-- returns: nothing
DROP TABLE IF EXISTS stale_link_groups;
