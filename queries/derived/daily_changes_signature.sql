-- purpose: what the undos and reviews since stance_daily was counted did to its counts (the daily_changes macro): the change in statements counted, the hash of the rows changed as derived/daily_signature hashes them (the XOR of row hashes: a row taken away and one added both flip it), and how many rows changed
-- params: $upto BIGINT (the highest id stance_daily counts), $archived_us BIGINT, $revision_id BIGINT (derived/daily_marks when it was counted)
-- returns: counted BIGINT, signature UBIGINT (NULL when none), changes BIGINT
SELECT coalesce(sum(change), 0) AS counted,
       bit_xor(hash(hash(id, capital, stated_on, stance))) AS signature,
       count(*) AS changes
FROM daily_changes($upto, $archived_us, $revision_id);
