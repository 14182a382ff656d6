-- purpose: a cheap fingerprint of the data, polled by open dashboards and checked before derived tables are read: any write (batch, undo, review, topic merge) changes it
-- params: none
-- returns: batch_id INTEGER, statements BIGINT, revision_id BIGINT, as_of TIMESTAMPTZ, max_statement_id BIGINT, topic_sum HUGEINT
SELECT (SELECT coalesce(max(id), 0) FROM batches) AS batch_id,
       (SELECT count(*) FROM statements) AS statements,
       (SELECT coalesce(max(id), 0) FROM stance_revisions) AS revision_id,
       (SELECT max(recorded_at) FROM statements) AS as_of,
       (SELECT coalesce(max(id), 0) FROM statements) AS max_statement_id,
       (SELECT coalesce(sum(topic_id), 0) FROM statements) AS topic_sum;
