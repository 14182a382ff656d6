-- purpose: rebuild the derived table stance_daily: statements per day, capital and stance (pending rows without a stance left out), so counts per period under date, capital and stance filters read one row per day, capital and stance instead of every statement
-- params: none
-- returns: nothing
CREATE OR REPLACE TABLE stance_daily AS
SELECT stated_on, capital, stance, count(*) AS statements
FROM statements
WHERE stance IS NOT NULL
GROUP BY stated_on, capital, stance
ORDER BY stated_on, capital, stance;
