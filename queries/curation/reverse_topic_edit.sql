-- purpose: mark a rename or merge reversed (no row when it already was)
-- params: $edit_id INTEGER, $by VARCHAR
-- returns: id INTEGER
UPDATE topic_edits SET reversed_at = current_timestamp, reversed_by = $by
WHERE id = $edit_id AND reversed_at IS NULL
RETURNING id;
