-- purpose: what stance_daily was last built or brought up to date from: 'upto|statements|signature|archived_us|revision_id' (the statements with a stance up to that id, their count and derived/daily_signature's hash of them; then the newest archived_at in epoch microseconds and the newest stance revision id it has seen, see derived/set_daily_built); '' when never recorded
-- params: none
-- returns: built VARCHAR
SELECT coalesce((SELECT value FROM settings WHERE key = 'stance_daily_built'), '') AS built;
