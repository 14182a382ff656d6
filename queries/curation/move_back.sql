-- purpose: reverse a rename or merge: the statements it moved (and still in place) go back to their topic
-- params: $statement_ids BIGINT[], $from_topic_id INTEGER, $into_topic_id INTEGER
-- returns: id BIGINT
UPDATE statements SET topic_id = $from_topic_id
WHERE topic_id = $into_topic_id AND list_contains($statement_ids, id)
RETURNING id;
