-- purpose: every row of one table, by its name (a name from backup/tables, bound, never spliced), for writing to Parquet
-- params: $table_name VARCHAR
-- returns: the table's own columns
SELECT * FROM query_table($table_name);
