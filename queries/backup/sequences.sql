-- purpose: the last value handed out by each id sequence (NULL when never used), so a restore continues after it
-- params: none
-- returns: sequence_name VARCHAR, last_value BIGINT
SELECT sequence_name, last_value
FROM duckdb_sequences()
WHERE database_name = current_database() AND schema_name = 'main'
ORDER BY sequence_name;
