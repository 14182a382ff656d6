-- purpose: migration 3, curation in the browser: an audit log of undo and topic edits, and reversible topic renames and merges
-- params: none
-- returns: nothing

-- Every curation action (batch undo, topic rename or merge, and their reversal), one row each.
-- Open dashboards poll max(id) of this table with the data version, so any action refreshes them.
CREATE SEQUENCE curation_log_id_seq START 1;
CREATE TABLE curation_log (
    id        BIGINT PRIMARY KEY DEFAULT nextval('curation_log_id_seq'),
    "at"      TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    "by"      VARCHAR NOT NULL,
    action    VARCHAR NOT NULL CHECK (action IN ('undo_batch', 'rename_topic', 'merge_topic', 'reverse_topic_edit')),
    batch_id  INTEGER,
    edit_id   INTEGER,
    detail    VARCHAR
);

-- A rename or merge moves statements from one topic to another and records which ones, so it
-- can be reversed. DuckDB refuses to update a unique column of a table that foreign keys point at
-- (topics.title), so a rename is a move to a new topic row; the old title then resolves to the
-- new topic for uploads (ingest/topic_ids) while the edit is in force.
CREATE SEQUENCE topic_edit_id_seq START 1;
CREATE TABLE topic_edits (
    id            INTEGER PRIMARY KEY DEFAULT nextval('topic_edit_id_seq'),
    kind          VARCHAR NOT NULL CHECK (kind IN ('rename', 'merge')),
    from_topic_id INTEGER NOT NULL,
    from_title    VARCHAR NOT NULL,
    into_topic_id INTEGER NOT NULL,
    into_title    VARCHAR NOT NULL,
    statement_ids BIGINT[] NOT NULL,
    "at"          TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    "by"          VARCHAR NOT NULL,
    reason        VARCHAR,
    reversed_at   TIMESTAMPTZ,
    reversed_by   VARCHAR
);
