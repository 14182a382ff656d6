-- purpose: the shared table macros every named query builds on; replaced on every start (idempotent)
-- params: none
-- returns: nothing

-- The unique key of a statement: the first 16 bytes of its SHA-256 fingerprint (migration 4).
CREATE OR REPLACE MACRO fingerprint_key(fingerprint) AS unhex(left(fingerprint, 32));

-- Text as every search compares it: lower case, accents stripped, NULL as ''. One definition, so
-- the folded words stored in statement_words and the words searched for cannot drift apart.
CREATE OR REPLACE MACRO folded(value) AS strip_accents(lower(coalesce(value, '')));

-- A search box's test: `value` contains `find`, literally (no LIKE wildcards), ignoring case and
-- accents; an empty or NULL `find` matches everything. The pickers' searches share it.
CREATE OR REPLACE MACRO matches_find(value, find) AS
    find IS NULL OR find = '' OR contains(folded(value), folded(find));

-- A statement's quote and speaker as the text filter compares them (lower case, accents
-- stripped), in the derived table statement_words (queries/derived/rebuild_statement_words.sql):
-- folding every quote again for each query cost 12.5 s a query at 10M rows, scanning the folded
-- words 0.5 s. Brought up to date only before a query with a text filter
-- (stancewatch/db.py: ensure_statement_words); the empty shell lets a new database answer first.
CREATE TABLE IF NOT EXISTS statement_words (id BIGINT, quote VARCHAR, speaker VARCHAR);

-- The statements each recent search found, in the derived tables text_searches (one row per
-- folded text: the statement_words version and last id it covers, its hit count) and text_hits
-- (text, id): a view runs up to seven queries with the same text, and each scanned the folded
-- words again (0.6 s a query at 10M rows); now the first one scans, the others look up its hits,
-- and a later write only has what arrived scanned (stancewatch/db.py: ensure_text_hits).
CREATE TABLE IF NOT EXISTS text_searches (
    text          VARCHAR PRIMARY KEY,
    words_version VARCHAR NOT NULL,
    upto          BIGINT NOT NULL,
    hits          BIGINT NOT NULL,
    searched_at   TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS text_hits (text VARCHAR, id BIGINT);

-- A statement matches the Text filter when its words hold the text (its id in text_hits, kept by
-- db.ensure_text_hits before any query with a text) or its topic's title does. Both sets are
-- empty without a text; one definition for filtered_statements and filtered_links. When the
-- search is not in text_searches as this query sees them (another session's newer searches
-- evicted it since its check), the words are scanned instead: slower, never short. The join
-- from the one-row guard lets DuckDB skip that scan when the search is there (no cost at 10M).
CREATE OR REPLACE MACRO text_hit_ids(search) AS TABLE
    SELECT h.id FROM text_hits AS h WHERE coalesce(search, '') <> '' AND h.text = folded(search)
    UNION ALL
    SELECT w.id
    FROM (SELECT folded(search) AS words
          WHERE coalesce(search, '') <> ''
            AND NOT EXISTS (SELECT 1 FROM text_searches AS s WHERE s.text = folded(search))) AS q
    JOIN statement_words AS w ON contains(w.quote, q.words) OR contains(w.speaker, q.words);
CREATE OR REPLACE MACRO text_topic_ids(search) AS TABLE
    SELECT t.id FROM topics AS t
    WHERE coalesce(search, '') <> '' AND contains(folded(t.title), folded(search));

-- The common filters of DESIGN.md in one place: named queries read statements through this macro.
-- An empty list or NULL means "all". Text is matched literally (no LIKE wildcards), ignoring case
-- and accents (Cyrillic included: lower() and strip_accents() are Unicode-aware).
CREATE OR REPLACE MACRO filtered_statements(start_on, end_on, capitals, topics, stances, speakers, text) AS TABLE
    SELECT s.*, t.title AS topic
    FROM statements AS s
    JOIN topics AS t ON t.id = s.topic_id
    WHERE (start_on IS NULL OR s.stated_on >= start_on)
      AND (end_on IS NULL OR s.stated_on <= end_on)
      AND (capitals IS NULL OR len(capitals) = 0 OR list_contains(capitals, s.capital))
      AND (topics IS NULL OR len(topics) = 0 OR list_contains(topics, t.title))
      AND (stances IS NULL OR len(stances) = 0 OR list_contains(stances, s.stance))
      AND (speakers IS NULL OR len(speakers) = 0 OR list_contains(speakers, s.speaker))
      AND (coalesce(text, '') = ''
           OR s.id IN (SELECT id FROM text_hit_ids(text))
           OR s.topic_id IN (SELECT id FROM text_topic_ids(text)))
      AND s.stance IS NOT NULL;

-- Stance history lives in the derived table stance_links: each statement (with the columns the
-- common filters need, bar text) with the one before and after it by the same capital on the same
-- topic, ordered by date, then arrival (id), and the number of its run of one stance in that
-- history; pending rows (no stance) are left out. A stance change is a row whose stance differs
-- from previous_stance.
-- Queries filter its rows, never its input, so a filter can neither invent nor hide a change.
-- It is rebuilt whenever the data version moves and the log cannot say what changed
-- (stancewatch/db.py: rebuild_stance_links), a range of capitals at a time (capital_links: a
-- history never crosses capitals, and the windows over one capital's rows stay within DuckDB's
-- memory cap, where one pass over all of them spilled to disk; names compare byte-wise, as in
-- the ORDER BY, under DuckDB's default collation); the empty table here only lets a new
-- database answer before its first rebuild.
CREATE OR REPLACE MACRO capital_links(first_capital, last_capital) AS TABLE
    SELECT *,
           CAST(sum((previous_stance IS NULL OR previous_stance <> stance)::INTEGER)
                OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS BIGINT) AS run_no
    FROM (
        SELECT id, capital, topic_id, stated_on, stance, speaker,
               lag(id) OVER w AS previous_id,
               lag(stance) OVER w AS previous_stance,
               lag(stated_on) OVER w AS previous_on,
               lead(stated_on) OVER w AS next_on
        FROM statements
        WHERE stance IS NOT NULL AND capital BETWEEN first_capital AND last_capital
        WINDOW w AS (PARTITION BY capital, topic_id ORDER BY stated_on, id)
    )
    ORDER BY capital, topic_id, stated_on, id;
CREATE TABLE IF NOT EXISTS stance_links AS FROM capital_links(NULL, NULL);

-- The common filters applied to stance_links directly, so history queries never join all of
-- statements, not even for a text: its matches are ids and topic ids (joining statements through
-- filtered_statements for them cost 0.5 s a query at 10M rows). The two guarded branches let the
-- planner skip the text's sets when there is no text (an OR with an IN-subquery would always
-- build them: about 0.9 s at 10M rows).
CREATE OR REPLACE MACRO filtered_links(start_on, end_on, capitals, topics, stances, speakers, text) AS TABLE
    WITH base AS (
        SELECT l.*
        FROM stance_links AS l
        WHERE (start_on IS NULL OR l.stated_on >= start_on)
          AND (end_on IS NULL OR l.stated_on <= end_on)
          AND (capitals IS NULL OR len(capitals) = 0 OR list_contains(capitals, l.capital))
          AND (topics IS NULL OR len(topics) = 0
               OR l.topic_id IN (SELECT id FROM topics WHERE list_contains(topics, title)))
          AND (stances IS NULL OR len(stances) = 0 OR list_contains(stances, l.stance))
          AND (speakers IS NULL OR len(speakers) = 0 OR list_contains(speakers, l.speaker))
    )
    SELECT * FROM base WHERE coalesce(text, '') = ''
    UNION ALL
    SELECT b.*
    FROM base AS b
    WHERE coalesce(text, '') <> ''
      AND (b.id IN (SELECT id FROM text_hit_ids(text))
           OR b.topic_id IN (SELECT id FROM text_topic_ids(text)));

-- Statements per day, capital and stance live in the derived table stance_daily
-- (queries/derived/rebuild_stance_daily.sql), rebuilt whenever the data version moves
-- (stancewatch/db.py: ensure_stance_daily); the empty shell lets a new database answer first.
CREATE TABLE IF NOT EXISTS stance_daily (
    stated_on DATE, capital VARCHAR, stance VARCHAR, statements BIGINT
);

-- The common filters as counts per day, capital and stance. Dates, capitals and stances are
-- columns of stance_daily, so without a topic, speaker or text filter the counts come from it
-- (tens of thousands of rows at 1M statements); any of those three counts the filtered
-- statements instead. Both branches count exactly the rows filtered_statements gives; the guards
-- depend on the bound parameters only, so the planner drops the branch that cannot apply.
CREATE OR REPLACE MACRO filtered_days(start_on, end_on, capitals, topics, stances, speakers, text) AS TABLE
    SELECT d.stated_on, d.capital, d.stance, d.statements
    FROM stance_daily AS d
    WHERE (topics IS NULL OR len(topics) = 0)
      AND (speakers IS NULL OR len(speakers) = 0)
      AND coalesce(text, '') = ''
      AND (start_on IS NULL OR d.stated_on >= start_on)
      AND (end_on IS NULL OR d.stated_on <= end_on)
      AND (capitals IS NULL OR len(capitals) = 0 OR list_contains(capitals, d.capital))
      AND (stances IS NULL OR len(stances) = 0 OR list_contains(stances, d.stance))
    UNION ALL
    SELECT s.stated_on, s.capital, s.stance, count(*) AS statements
    FROM filtered_statements(start_on, end_on, capitals, topics, stances, speakers, text) AS s
    WHERE NOT ((topics IS NULL OR len(topics) = 0)
               AND (speakers IS NULL OR len(speakers) = 0)
               AND coalesce(text, '') = '')
    GROUP BY s.stated_on, s.capital, s.stance;

-- A place in a stance history, (date, arrival), as one BIGINT that sorts the same way: the day
-- times 2^40 plus the id (ids stay below 2^40; days before 1970 are negative and still sort), so
-- the incremental refresh of stance_links compares places and runs windows over one key. NULL
-- (no such row) is before every place in `first`, after every place otherwise.
CREATE OR REPLACE MACRO link_key(stated_on, id, first := false) AS
    coalesce(CAST(date_diff('day', DATE '1970-01-01', stated_on) AS BIGINT) * 1099511627776 + id,
             CASE WHEN first THEN -9223372036854775807 ELSE 9223372036854775807 END);

-- How far the undos and reviews go that a derived table has seen, recorded with it: the newest
-- archived statement's time (epoch microseconds) and the newest stance revision's id, 0 when
-- none. What comes after them is what the daily_changes and changed_statement_ids macros read.
CREATE OR REPLACE MACRO change_marks() AS
    concat_ws('|', coalesce((SELECT epoch_us(max(archived_at)) FROM statements_archive), 0),
              coalesce((SELECT max(id) FROM stance_revisions), 0));

-- The statements up to an id that undos (archived after archived_us) and reviews (revisions
-- after revision_id) changed since stance_links last saw them: its refresh cuts the histories at
-- these and at the statements above that id, once db._known_link_changes has checked that they
-- are every change.
CREATE OR REPLACE MACRO changed_statement_ids(upto, archived_us, revision_id) AS TABLE
    SELECT id FROM statements_archive WHERE id <= upto AND epoch_us(archived_at) > archived_us
    UNION
    SELECT statement_id FROM stance_revisions WHERE id > revision_id AND statement_id <= upto;

-- What undos and reviews changed in the counts of stance_daily since it was counted (its record:
-- derived/daily_built): of the statements it counts (id <= upto), each one archived since (-1,
-- its stance as archived) and each stance revision since (-1 for the old stance, +1 for the new),
-- under the day and capital the statement counts in. A statement reviewed, then undone, gives
-- -old +new -new: the old count taken away, as it should be. A revised statement neither stored
-- nor archived has no day or capital, and its NULLs make the check of db._adjust_daily fail.
CREATE OR REPLACE MACRO daily_changes(upto, archived_us, revision_id) AS TABLE
    WITH revised AS (
        SELECT r.statement_id AS id, coalesce(s.stated_on, a.stated_on) AS stated_on,
               coalesce(s.capital, a.capital) AS capital, r.old_stance, r.new_stance
        FROM stance_revisions AS r
        LEFT JOIN statements AS s ON s.id = r.statement_id
        LEFT JOIN statements_archive AS a ON a.id = r.statement_id
        WHERE r.id > revision_id AND r.statement_id <= upto
    )
    SELECT id, stated_on, capital, stance, -1 AS change
    FROM statements_archive
    WHERE id <= upto AND stance IS NOT NULL AND epoch_us(archived_at) > archived_us
    UNION ALL
    SELECT id, stated_on, capital, old_stance, -1 FROM revised WHERE old_stance IS NOT NULL
    UNION ALL
    SELECT id, stated_on, capital, new_stance, 1 FROM revised;

DROP MACRO TABLE IF EXISTS stance_history;
