-- purpose: the statements with a stance up to an id, counted and hashed exactly as derived/links_signature hashes stance_links' rows (db.links_appended_only compares the two)
-- params: $upto BIGINT (stance_links' highest id, from derived/links_signature)
-- returns: statements BIGINT, signature UBIGINT (NULL when none)
SELECT count(*) AS statements,
       bit_xor(hash(hash(id, capital, topic_id, stated_on, stance, speaker))) AS signature
FROM statements
WHERE stance IS NOT NULL AND id <= $upto;
