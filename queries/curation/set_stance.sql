-- purpose: set a statement's stance by a person, only if it still holds the stance the person saw (no lost update)
-- params: $statement_id BIGINT, $old_stance VARCHAR, $new_stance VARCHAR
-- returns: id BIGINT
UPDATE statements SET stance = $new_stance, stance_origin = 'review'
WHERE id = $statement_id AND stance IS NOT DISTINCT FROM $old_stance
RETURNING id;
