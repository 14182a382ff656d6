-- purpose: SQLite dialect, run by bench/peers.py through sqlite3 (not DuckDB): the peer's statements table, as a Datasette user would build it
-- params: none
-- returns: nothing
CREATE TABLE statements (
    id        INTEGER PRIMARY KEY,
    stated_on TEXT NOT NULL,
    capital   TEXT NOT NULL,
    speaker   TEXT,
    topic_id  INTEGER NOT NULL,
    stance    TEXT NOT NULL,
    quote     TEXT
);
