-- purpose: the ingest baseline (bench/run.py): DuckDB's own reader, types detected, no validation, the file into a new table
-- params: $path VARCHAR
-- returns: nothing
CREATE TABLE baseline AS SELECT * FROM read_csv($path);
