-- purpose: how many rows of stance_links the incremental refresh would delete and redo (each stale group's tail, counted by derived/stale_link_tails in its own pass): more than a share of the table and it is rebuilt whole instead
-- params: none
-- returns: redo BIGINT
SELECT CAST(coalesce(sum(tail_rows), 0) AS BIGINT) AS redo
FROM stale_link_tails;
