-- purpose: migration 4, duplicates keyed by 16 bytes: fingerprint_key is the first half of the SHA-256 fingerprint, as bytes, and the unique index moves from the 64-character fingerprint to it. DuckDB holds that index in a quarter of the memory, so large batches commit into large stores under the memory limit (with the text index, a store of 5M statements could not take a batch of 2.5M at 1 GB, nor one of 10M a 150k-row upload)
-- params: none
-- returns: nothing
-- DuckDB cannot drop a UNIQUE constraint, so the table is rebuilt with the same columns, the
-- fingerprint unindexed, and the key last. Nothing references statements by foreign key. Not by
-- a RENAME: DuckDB would keep the new table's old name in the foreign keys' bookkeeping of
-- capitals, topics and batches, and a later DELETE there fails looking for it.
CREATE TABLE statements_unkeyed AS SELECT * FROM statements;
DROP TABLE statements;
CREATE TABLE statements (
    id                BIGINT PRIMARY KEY DEFAULT nextval('statement_id_seq'),
    stated_on         DATE NOT NULL,
    capital           VARCHAR NOT NULL REFERENCES capitals (name),
    speaker           VARCHAR,
    speaker_role      VARCHAR,
    topic_id          INTEGER NOT NULL REFERENCES topics (id),
    stance            VARCHAR CHECK (stance IN ('confirm', 'deny', 'no_comment')),
    stance_origin     VARCHAR NOT NULL CHECK (stance_origin IN ('source', 'classifier', 'review')),
    stance_confidence DOUBLE CHECK (stance_confidence IS NULL OR stance_confidence BETWEEN 0 AND 1),
    quote             VARCHAR,
    quote_language    VARCHAR,
    source_url        VARCHAR CHECK (source_url IS NULL OR regexp_matches(source_url, '^https?://')),
    source_name       VARCHAR,
    notes             VARCHAR,
    extra             JSON,
    fingerprint       VARCHAR NOT NULL,
    batch_id          INTEGER NOT NULL REFERENCES batches (id),
    recorded_at       TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    fingerprint_key   BLOB NOT NULL UNIQUE
);
INSERT INTO statements
SELECT *, unhex(left(fingerprint, 32)) FROM statements_unkeyed ORDER BY id;
DROP TABLE statements_unkeyed;
