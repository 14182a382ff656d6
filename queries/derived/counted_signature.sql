-- purpose: the statements with a stance up to an id, counted and hashed on what stance_daily counts of them (id, day, capital, stance), to compare with what derived/daily_built recorded: equal, and only statements above that id can have changed since (db._top_up_daily)
-- params: $upto BIGINT (the highest id stance_daily counts)
-- returns: statements BIGINT, signature UBIGINT (NULL when none)
-- derived/appended_signature hashes the statements above the id the same way. Each row's hash
-- is hashed again before the XOR: DuckDB's hash of several columns XORs in the last one's.
-- Topics and speakers are left out: a merge changes no count, so it need not rebuild.
SELECT count(*) AS statements,
       bit_xor(hash(hash(id, capital, stated_on, stance))) AS signature
FROM statements
WHERE stance IS NOT NULL AND id <= $upto;
