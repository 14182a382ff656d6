-- purpose: how many statements a write added to or took from the stale groups, against all of stance_links: a small share is refreshed in place, a large one rebuilt whole (which also restores the table's sort order)
-- params: none
-- returns: stale BIGINT, linked BIGINT
SELECT (SELECT coalesce(sum(moved), 0) FROM stale_link_groups)::BIGINT AS stale,
       (SELECT count(*) FROM stance_links) AS linked;
