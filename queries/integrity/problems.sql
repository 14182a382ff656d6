-- purpose: integrity check of the store after a crash or a restore: every statement belongs to a committed batch, every batch's counts match the rows it holds live or archived; no rows = sound
-- params: none
-- returns: problem VARCHAR, batch_id INTEGER, expected BIGINT, found BIGINT
WITH live AS (
    SELECT batch_id, count(*) AS n FROM statements GROUP BY batch_id
), archived AS (
    SELECT batch_id, count(*) AS n FROM statements_archive GROUP BY batch_id
)
SELECT 'statements of a batch that is not committed' AS problem, l.batch_id,
       0::BIGINT AS expected, l.n AS found
FROM live AS l LEFT JOIN batches AS b ON b.id = l.batch_id
WHERE b.status IS DISTINCT FROM 'committed'
UNION ALL
SELECT 'committed batch whose live statements differ from rows_inserted', b.id,
       b.rows_inserted, coalesce(l.n, 0)
FROM batches AS b LEFT JOIN live AS l ON l.batch_id = b.id
WHERE b.status = 'committed' AND coalesce(l.n, 0) <> b.rows_inserted
UNION ALL
SELECT 'reverted batch whose archived statements differ from rows_inserted', b.id,
       b.rows_inserted, coalesce(a.n, 0)
FROM batches AS b LEFT JOIN archived AS a ON a.batch_id = b.id
WHERE b.status = 'reverted' AND coalesce(a.n, 0) <> b.rows_inserted
UNION ALL
SELECT 'batch counts that do not add up to rows_read', b.id,
       b.rows_read, b.rows_inserted + b.rows_duplicate + b.rows_rejected
FROM batches AS b
WHERE b.rows_inserted + b.rows_duplicate + b.rows_rejected > b.rows_read
UNION ALL
SELECT 'statements whose topic is missing', NULL, 0, count(*)
FROM statements AS s LEFT JOIN topics AS t ON t.id = s.topic_id
WHERE t.id IS NULL
HAVING count(*) > 0
ORDER BY 1, 2;
