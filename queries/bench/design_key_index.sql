-- purpose: ingest floor of the design's one required key (bench/run.py): bench/statements_no_keys's table gets the unique index DESIGN.md asks of statements ("fingerprint (UNIQUE, for dedupe)", on its 16-byte key since migration 4) and nothing else: no primary key, foreign key, check or default. bench/floor_no_keys then stores into it: what storing the rows costs when only the data model's own key is kept
-- params: none
-- returns: nothing
CREATE UNIQUE INDEX statements_no_keys_fingerprint_key ON statements_no_keys (fingerprint_key);
