-- purpose: row count and an order-independent checksum of one table's contents (sum of row hashes): equal = same rows
-- params: $table_name VARCHAR
-- returns: row_count BIGINT, checksum VARCHAR
SELECT count(*) AS row_count, coalesce(sum(hash(t)), 0)::VARCHAR AS checksum
FROM query_table($table_name) AS t;
