-- purpose: take the rows of removed_links (derived/removed_links) out of stance_links
-- params: none
-- returns: nothing
DELETE FROM stance_links WHERE id IN (SELECT id FROM removed_links);
