-- purpose: the statements with a stance up to an id, counted and hashed exactly as derived/links_signature hashes stance_links' rows (db.links_state compares the two), and how many have an id above it: when only those changed, the first test of whether to refresh in place (db._update_links_in_place)
-- params: $upto BIGINT (stance_links' highest id, from derived/links_signature)
-- returns: statements BIGINT, signature UBIGINT (NULL when none), arrived BIGINT
-- Two scans in one query, each with its id filter in the scan: the one above $upto reads only
-- the newest row groups.
SELECT *
FROM (
    SELECT count(*) AS statements,
           bit_xor(hash(hash(id, capital, topic_id, stated_on, stance, speaker))) AS signature
    FROM statements
    WHERE stance IS NOT NULL AND id <= $upto
), (
    SELECT count(*) AS arrived
    FROM statements
    WHERE stance IS NOT NULL AND id > $upto
);
