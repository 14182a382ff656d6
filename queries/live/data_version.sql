-- purpose: a cheap fingerprint of the data, polled by open dashboards: any write (batch, undo, review) changes it
-- params: none
-- returns: batch_id INTEGER, statements BIGINT, revision_id BIGINT, as_of TIMESTAMPTZ
SELECT (SELECT coalesce(max(id), 0) FROM batches) AS batch_id,
       (SELECT count(*) FROM statements) AS statements,
       (SELECT coalesce(max(id), 0) FROM stance_revisions) AS revision_id,
       (SELECT max(recorded_at) FROM statements) AS as_of;
