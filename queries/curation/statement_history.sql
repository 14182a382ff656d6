-- purpose: a statement as stored now and every revision of its stance, oldest first
-- params: $statement_id BIGINT
-- returns: revision_id BIGINT, at TIMESTAMPTZ, by VARCHAR, old_stance VARCHAR, new_stance VARCHAR, reason VARCHAR
SELECT id AS revision_id, "at", "by", old_stance, new_stance, reason
FROM stance_revisions
WHERE statement_id = $statement_id
ORDER BY id;
