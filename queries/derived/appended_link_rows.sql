-- purpose: how many statements with a stance have an id above stance_links' highest, against all of stance_links: the first test of whether to refresh in place when those are all that changed (see db.links_appended_only and db._update_links_in_place)
-- params: $upto BIGINT (stance_links' highest id, from db.links_appended_only)
-- returns: stale BIGINT, linked BIGINT
SELECT (SELECT count(*) FROM statements
        WHERE stance IS NOT NULL
          AND id > $upto) AS stale,
       (SELECT count(*) FROM stance_links) AS linked;
