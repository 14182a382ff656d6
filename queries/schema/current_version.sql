-- purpose: the highest migration version applied so far (0 for a new database)
-- params: none
-- returns: version INTEGER
SELECT coalesce(max(version), 0) AS version FROM schema_version;
