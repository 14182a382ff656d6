-- purpose: migration 1, the statement store of DESIGN.md (capitals, topics, batches, statements, revisions, archive)
-- params: none
-- returns: nothing
CREATE TABLE settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- The set of capitals is data: a new government is a row, not a code change.
CREATE TABLE capitals (
    name    VARCHAR PRIMARY KEY,
    aliases VARCHAR[] NOT NULL DEFAULT []
);
INSERT INTO capitals VALUES
    ('Paris',  ['France', 'FR', 'FRA', 'Elysee', 'Élysée', 'French Republic', 'Quai d''Orsay']),
    ('Moscow', ['Russia', 'RU', 'RUS', 'Kremlin', 'Russian Federation', 'Moskva', 'Москва', 'Россия']),
    ('Kyiv',   ['Ukraine', 'UA', 'UKR', 'Kiev', 'Kyyiv', 'Київ', 'Україна', 'Киев']);

CREATE SEQUENCE topic_id_seq START 1;
CREATE TABLE topics (
    id          INTEGER PRIMARY KEY DEFAULT nextval('topic_id_seq'),
    title       VARCHAR NOT NULL UNIQUE,
    description VARCHAR
);

CREATE SEQUENCE batch_id_seq START 1;
CREATE TABLE batches (
    id             INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
    file_name      VARCHAR NOT NULL,
    file_sha256    VARCHAR NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    "by"           VARCHAR NOT NULL,
    rows_read      INTEGER NOT NULL CHECK (rows_read >= 0),
    rows_inserted  INTEGER NOT NULL CHECK (rows_inserted >= 0),
    rows_duplicate INTEGER NOT NULL CHECK (rows_duplicate >= 0),
    rows_rejected  INTEGER NOT NULL CHECK (rows_rejected >= 0),
    status         VARCHAR NOT NULL CHECK (status IN ('committed', 'reverted'))
);

-- The id is the arrival order: stance changes order by (stated_on, id).
CREATE SEQUENCE statement_id_seq START 1;
CREATE TABLE statements (
    id                BIGINT PRIMARY KEY DEFAULT nextval('statement_id_seq'),
    stated_on         DATE NOT NULL,
    capital           VARCHAR NOT NULL REFERENCES capitals (name),
    speaker           VARCHAR,
    speaker_role      VARCHAR,
    topic_id          INTEGER NOT NULL REFERENCES topics (id),
    stance            VARCHAR NOT NULL CHECK (stance IN ('confirm', 'deny', 'no_comment')),
    stance_origin     VARCHAR NOT NULL CHECK (stance_origin IN ('source', 'classifier', 'review')),
    stance_confidence DOUBLE CHECK (stance_confidence IS NULL OR stance_confidence BETWEEN 0 AND 1),
    quote             VARCHAR,
    quote_language    VARCHAR,
    source_url        VARCHAR CHECK (source_url IS NULL OR regexp_matches(source_url, '^https?://')),
    source_name       VARCHAR,
    notes             VARCHAR,
    extra             JSON,
    fingerprint       VARCHAR NOT NULL UNIQUE,
    batch_id          INTEGER NOT NULL REFERENCES batches (id),
    recorded_at       TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

-- Every change of a stored stance leaves a trace here.
CREATE SEQUENCE stance_revision_id_seq START 1;
CREATE TABLE stance_revisions (
    id           BIGINT PRIMARY KEY DEFAULT nextval('stance_revision_id_seq'),
    statement_id BIGINT NOT NULL,
    old_stance   VARCHAR CHECK (old_stance IN ('confirm', 'deny', 'no_comment')),
    new_stance   VARCHAR NOT NULL CHECK (new_stance IN ('confirm', 'deny', 'no_comment')),
    "at"         TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    "by"         VARCHAR NOT NULL,
    reason       VARCHAR
);

-- A reverted batch's statements move here, never into the void.
CREATE TABLE statements_archive (
    id                BIGINT,
    stated_on         DATE,
    capital           VARCHAR,
    speaker           VARCHAR,
    speaker_role      VARCHAR,
    topic_id          INTEGER,
    stance            VARCHAR,
    stance_origin     VARCHAR,
    stance_confidence DOUBLE,
    quote             VARCHAR,
    quote_language    VARCHAR,
    source_url        VARCHAR,
    source_name       VARCHAR,
    notes             VARCHAR,
    extra             JSON,
    fingerprint       VARCHAR,
    batch_id          INTEGER,
    recorded_at       TIMESTAMPTZ,
    archived_at       TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
