-- purpose: how many statements a write added to or took from the stale groups, against all of stance_links: the first, free test of whether to refresh in place (see db._update_links_in_place)
-- params: none
-- returns: stale BIGINT, linked BIGINT
SELECT (SELECT coalesce(sum(moved), 0) FROM stale_link_groups)::BIGINT AS stale,
       (SELECT count(*) FROM stance_links) AS linked;
