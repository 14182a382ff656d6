-- purpose: the rows of stance_links whose statements undos took away since it last saw them (the changed_statement_ids macro), kept in a temp table for the refresh that only removes rows (db._remove_links)
-- params: $upto BIGINT (stance_links' highest id), $archived_us BIGINT, $revision_id BIGINT (derived/links_marks)
-- returns: nothing
CREATE OR REPLACE TEMP TABLE removed_links AS
SELECT id, capital, topic_id, stated_on, stance, previous_id, previous_stance, previous_on, run_no
FROM stance_links
WHERE id IN (SELECT id FROM changed_statement_ids($upto, $archived_us, $revision_id));
