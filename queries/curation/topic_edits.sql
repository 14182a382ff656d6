-- purpose: every rename and merge, newest first, with whether it is still in force
-- params: none
-- returns: edit_id INTEGER, kind VARCHAR, from_topic_id INTEGER, from_title VARCHAR, into_topic_id INTEGER, into_title VARCHAR, statements INTEGER, statement_ids BIGINT[], at TIMESTAMPTZ, by VARCHAR, reason VARCHAR, reversed_at TIMESTAMPTZ, reversed_by VARCHAR
SELECT id AS edit_id, kind, from_topic_id, from_title, into_topic_id, into_title,
       len(statement_ids) AS statements, statement_ids, "at", "by", reason, reversed_at, reversed_by
FROM topic_edits
ORDER BY id DESC;
