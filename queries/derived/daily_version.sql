-- purpose: the data version stance_daily was last built for ('' when never built)
-- params: none
-- returns: version VARCHAR
SELECT coalesce((SELECT value FROM settings WHERE key = 'stance_daily_version'), '') AS version;
