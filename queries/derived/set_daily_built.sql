-- purpose: record what stance_daily now counts ('upto|statements|signature', see derived/daily_built)
-- params: $built VARCHAR
-- returns: nothing
INSERT OR REPLACE INTO settings (key, value) VALUES ('stance_daily_built', $built);
