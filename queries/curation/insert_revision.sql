-- purpose: record one change (or confirmation) of a stored stance: old, new, who and why
-- params: $statement_id BIGINT, $old_stance VARCHAR, $new_stance VARCHAR, $by VARCHAR, $reason VARCHAR
-- returns: id BIGINT
INSERT INTO stance_revisions (statement_id, old_stance, new_stance, "by", reason)
VALUES ($statement_id, $old_stance, $new_stance, $by, $reason)
RETURNING id;
