-- purpose: record the data version stance_links now reflects
-- params: $version VARCHAR
-- returns: nothing
INSERT OR REPLACE INTO settings (key, value) VALUES ('stance_links_version', $version);
