-- purpose: record the data version stance_daily now reflects
-- params: $version VARCHAR
-- returns: nothing
INSERT OR REPLACE INTO settings (key, value) VALUES ('stance_daily_version', $version);
