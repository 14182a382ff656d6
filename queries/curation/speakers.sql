-- purpose: the distinct speaker names stored, to flag near-duplicates in an upload ("Peskov" vs "Dmitry Peskov")
-- params: none
-- returns: speaker VARCHAR
SELECT DISTINCT speaker FROM statements WHERE speaker IS NOT NULL ORDER BY speaker;
