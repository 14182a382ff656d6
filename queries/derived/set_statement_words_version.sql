-- purpose: record the data version statement_words now reflects
-- params: $version VARCHAR
-- returns: nothing
INSERT OR REPLACE INTO settings (key, value) VALUES ('statement_words_version', $version);
