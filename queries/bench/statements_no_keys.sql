-- purpose: ingest floor of the data model (bench/run.py): an empty table of statements' columns and types with none of its keys, unique index, foreign keys, checks or defaults (a CREATE TABLE AS keeps none of them), for bench/floor_no_keys
-- params: none
-- returns: nothing
CREATE TABLE statements_no_keys AS FROM statements LIMIT 0;
