-- purpose: give each stale group's last row in stance_links the date of the first statement appended after it as its next date (derived/appended_link_ends): its only link that changes
-- params: none
-- returns: nothing
UPDATE stance_links SET next_on = e.cut_on
FROM stale_link_ends AS e
WHERE stance_links.id = e.end_id;
