-- purpose: when statements only arrived (db.LinksState.appended), each stale group's last row in stance_links (the one with no next date) beside its cut (derived/appended_link_cuts), kept in a temp table: when every cut comes after its group's last row, the new statements are appended to the histories (derived/extend_link_ends, derived/append_stance_links) and nothing is deleted or redone
-- params: none
-- returns: nothing
-- end_* are NULL for a group stance_links does not have yet (a new topic, or a capital's first
-- statement on one). The topic_id IN (...) lets DuckDB skip other topics' rows in the scan.
CREATE OR REPLACE TEMP TABLE stale_link_ends AS
SELECT c.capital, c.topic_id, c.cut_on, c.cut_id,
       l.id AS end_id, l.stated_on AS end_on, l.stance AS end_stance, l.run_no AS end_run
FROM stale_link_cuts AS c
LEFT JOIN (
    SELECT capital, topic_id, id, stated_on, stance, run_no
    FROM stance_links
    WHERE next_on IS NULL AND topic_id IN (SELECT topic_id FROM stale_link_cuts)
) AS l ON l.capital = c.capital AND l.topic_id = c.topic_id;
