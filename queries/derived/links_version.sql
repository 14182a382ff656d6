-- purpose: the data version stance_links was last built for ('' when never built)
-- params: none
-- returns: version VARCHAR
SELECT coalesce((SELECT value FROM settings WHERE key = 'stance_links_version'), '') AS version;
