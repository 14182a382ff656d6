-- purpose: record what stance_daily now counts, 'upto|statements|signature' ($counted), and how far the undos and reviews go that it has seen: the newest archived statement's time (epoch microseconds) and the newest stance revision's id, 0 when none (what comes after them is what the daily_changes macro reads); see derived/daily_built
-- params: $counted VARCHAR
-- returns: nothing
INSERT OR REPLACE INTO settings (key, value)
VALUES ('stance_daily_built', concat_ws('|', $counted,
        coalesce((SELECT epoch_us(max(archived_at)) FROM statements_archive), 0),
        coalesce((SELECT max(id) FROM stance_revisions), 0)));
