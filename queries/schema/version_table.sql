-- purpose: create the table that records which migrations have run (bootstrap, idempotent)
-- params: none
-- returns: nothing
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
