-- purpose: every batch, newest first, with who undid it and how many of its statements are live now
-- params: none
-- returns: id INTEGER, file_name VARCHAR, by VARCHAR, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, rows_read INTEGER, rows_inserted INTEGER, rows_duplicate INTEGER, rows_rejected INTEGER, status VARCHAR, reverted_at TIMESTAMPTZ, reverted_by VARCHAR, statements_live BIGINT
SELECT b.id, b.file_name, b."by", b.started_at, b.finished_at, b.rows_read, b.rows_inserted,
       b.rows_duplicate, b.rows_rejected, b.status,
       u."at" AS reverted_at, u."by" AS reverted_by,
       (SELECT count(*) FROM statements AS s WHERE s.batch_id = b.id) AS statements_live
FROM batches AS b
LEFT JOIN (SELECT batch_id, min("at") AS "at", arg_min("by", "at") AS "by"
           FROM curation_log WHERE action = 'undo_batch' GROUP BY batch_id) AS u
       ON u.batch_id = b.id
ORDER BY b.id DESC;
