-- purpose: how many rows of stance_links the incremental refresh would delete and redo (each stale group's tail, see stale_link_tails): more than a share of the table and it is rebuilt whole instead
-- params: none
-- returns: redo BIGINT
SELECT count(*) AS redo
FROM stance_links AS l
JOIN stale_link_tails AS t ON t.capital = l.capital AND t.topic_id = l.topic_id
WHERE t.redo_id IS NULL OR l.stated_on > t.redo_on OR (l.stated_on = t.redo_on AND l.id >= t.redo_id);
