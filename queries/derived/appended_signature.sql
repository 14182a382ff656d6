-- purpose: the statements with a stance above an id: the highest id among them, their count and the hash derived/counted_signature gives them, so that what stance_daily counts can be recorded after a top-up without hashing every statement again (XOR the hashes: db._record_daily_built)
-- params: $upto BIGINT (0 for every statement)
-- returns: upto BIGINT ($upto when none), statements BIGINT, signature UBIGINT (NULL when none)
SELECT coalesce(max(id), $upto) AS upto, count(*) AS statements,
       bit_xor(hash(hash(id, capital, stated_on, stance))) AS signature
FROM statements
WHERE stance IS NOT NULL AND id > $upto;
