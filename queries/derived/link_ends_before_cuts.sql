-- purpose: whether every stale group's new statements come after its last row in stance_links, by (date, arrival) (derived/appended_link_ends): then they can be appended; otherwise a new statement lands inside a history and its tail is redone (derived/stale_link_tails)
-- params: none
-- returns: after BOOLEAN (true when there are no groups)
SELECT coalesce(bool_and(end_id IS NULL OR cut_on > end_on
                         OR (cut_on = end_on AND cut_id > end_id)), true) AS after
FROM stale_link_ends;
