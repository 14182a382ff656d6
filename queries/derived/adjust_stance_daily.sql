-- purpose: apply what the undos and reviews since stance_daily was counted changed (the daily_changes macro, once db._adjust_daily has checked it explains every change) where the table stands: each day, capital and stance gains or loses statements; one left with none is removed, as a rebuild would not have it
-- params: $upto BIGINT (the highest id stance_daily counts), $archived_us BIGINT, $revision_id BIGINT (derived/daily_marks when it was counted)
-- returns: nothing
MERGE INTO stance_daily AS d
USING (
    SELECT stated_on, capital, stance, sum(change) AS change
    FROM daily_changes($upto, $archived_us, $revision_id)
    GROUP BY stated_on, capital, stance
    HAVING sum(change) <> 0
) AS n
ON d.stated_on = n.stated_on AND d.capital = n.capital AND d.stance = n.stance
WHEN MATCHED AND d.statements + n.change = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET statements = d.statements + n.change
WHEN NOT MATCHED THEN INSERT (stated_on, capital, stance, statements)
    VALUES (n.stated_on, n.capital, n.stance, n.change);
