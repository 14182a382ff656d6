-- purpose: what stance_daily was last built or topped up from: 'upto|statements|signature' (the statements with a stance up to that id, their count and derived/daily_signature's hash of them); '' when never recorded
-- params: none
-- returns: built VARCHAR
SELECT coalesce((SELECT value FROM settings WHERE key = 'stance_daily_built'), '') AS built;
