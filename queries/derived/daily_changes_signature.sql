-- purpose: what the undos and reviews since stance_daily was counted did to its counts (the daily_changes macro): the change in statements counted, the change in the hash derived/daily_signature gives (each row's hash, added or taken away as the row is), and how many rows changed
-- params: $upto BIGINT (the highest id stance_daily counts), $archived_us BIGINT, $revision_id BIGINT (derived/daily_marks when it was counted)
-- returns: counted BIGINT, signature HUGEINT (NULL when none), changes BIGINT
SELECT coalesce(sum(change), 0) AS counted,
       sum(change * CAST(hash(hash(id, capital, stated_on, stance)) AS HUGEINT)) AS signature,
       count(*) AS changes
FROM daily_changes($upto, $archived_us, $revision_id);
