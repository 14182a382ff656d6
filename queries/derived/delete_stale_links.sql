-- purpose: drop the rows of stance_links that belong to a stale group (incremental refresh, see stale_link_groups)
-- params: none
-- returns: nothing
DELETE FROM stance_links AS l
WHERE EXISTS (SELECT 1 FROM stale_link_groups AS g
              WHERE g.capital = l.capital AND g.topic_id = l.topic_id);
