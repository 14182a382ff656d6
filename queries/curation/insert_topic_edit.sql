-- purpose: record a rename or merge with the statements it moved, so it can be reversed
-- params: $kind VARCHAR, $from_topic_id INTEGER, $from_title VARCHAR, $into_topic_id INTEGER, $into_title VARCHAR, $statement_ids BIGINT[], $by VARCHAR, $reason VARCHAR
-- returns: id INTEGER
INSERT INTO topic_edits (kind, from_topic_id, from_title, into_topic_id, into_title, statement_ids, "by", reason)
VALUES ($kind, $from_topic_id, $from_title, $into_topic_id, $into_title, $statement_ids, $by, $reason)
RETURNING id;
