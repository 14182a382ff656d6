-- purpose: open the batches row of an upload (inside the batch's transaction)
-- params: $file_name VARCHAR, $file_sha256 VARCHAR, $started_at TIMESTAMPTZ, $by VARCHAR, $rows_read INTEGER, $rows_inserted INTEGER, $rows_duplicate INTEGER, $rows_rejected INTEGER
-- returns: id INTEGER
INSERT INTO batches (file_name, file_sha256, started_at, finished_at, "by", rows_read, rows_inserted,
                     rows_duplicate, rows_rejected, status)
VALUES ($file_name, $file_sha256, $started_at, current_timestamp, $by, $rows_read, $rows_inserted,
        $rows_duplicate, $rows_rejected, 'committed')
RETURNING id;
