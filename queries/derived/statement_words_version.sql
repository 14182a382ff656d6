-- purpose: the data version statement_words was last brought up to ('' when never built)
-- params: none
-- returns: version VARCHAR
SELECT coalesce((SELECT value FROM settings WHERE key = 'statement_words_version'), '') AS version;
