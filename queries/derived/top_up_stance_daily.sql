-- purpose: add the statements with a stance above an id to stance_daily where it stands (db._update_daily_in_place, once what else changed since it was counted is accounted for: db._adjust_daily): a day, capital and stance already there gains them, a new one is added
-- params: $upto BIGINT (the highest id stance_daily counts, from derived/daily_built)
-- returns: nothing
-- 1M, 50 new statements: about 2 ms against 19 ms for derived/rebuild_stance_daily.
MERGE INTO stance_daily AS d
USING (
    SELECT stated_on, capital, stance, count(*) AS statements
    FROM statements
    WHERE stance IS NOT NULL AND id > $upto
    GROUP BY stated_on, capital, stance
) AS n
ON d.stated_on = n.stated_on AND d.capital = n.capital AND d.stance = n.stance
WHEN MATCHED THEN UPDATE SET statements = d.statements + n.statements
WHEN NOT MATCHED THEN INSERT (stated_on, capital, stance, statements)
    VALUES (n.stated_on, n.capital, n.stance, n.statements);
