-- purpose: move every statement of one topic to another (rename or merge); returns the moved ids
-- params: $from_topic_id INTEGER, $into_topic_id INTEGER
-- returns: id BIGINT
UPDATE statements SET topic_id = $into_topic_id WHERE topic_id = $from_topic_id RETURNING id;
