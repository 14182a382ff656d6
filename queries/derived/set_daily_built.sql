-- purpose: record what stance_daily now counts, 'upto|statements|signature' ($counted), and how far the undos and reviews go that it has seen (the change_marks macro); see derived/daily_built
-- params: $counted VARCHAR
-- returns: nothing
INSERT OR REPLACE INTO settings (key, value)
VALUES ('stance_daily_built', concat_ws('|', $counted, change_marks()));
