-- purpose: DuckDB's memory limit as it prints it (e.g. '953.6 MiB'): a batch's new fingerprint index must fit in it at commit (stancewatch/capacity.py)
-- params: none
-- returns: value VARCHAR
SELECT value FROM duckdb_settings() WHERE name = 'memory_limit';
