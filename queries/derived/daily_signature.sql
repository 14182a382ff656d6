-- purpose: the statements with a stance on either side of an id, hashed on what stance_daily counts of them (id, day, capital, stance): up to it, to compare with what derived/daily_built recorded (equal: only statements above it can have changed since; else the undos and reviews since must explain the difference, db._adjust_daily); above it, what a top-up adds, so the new record needs no second scan (the hash of a set is the sum of its rows' hashes: db._update_daily_in_place)
-- params: $upto BIGINT (the highest id stance_daily counts; 0 for every statement)
-- returns: counted BIGINT, counted_signature HUGEINT (NULL when none), upto BIGINT (the highest id above $upto, else $upto), added BIGINT, added_signature HUGEINT (NULL when none)
-- A sum, not an XOR: changes are checked as counts taken away and added (derived/
-- daily_changes_signature), and an XOR forgets how often a row was taken away (found by the
-- property test: a stance changed outside the log, then reviewed and undone, passed an XOR check
-- and left a count of -2). Each row's hash is hashed again: DuckDB's hash of several columns
-- XORs in the last one's. Topics and speakers are left out: a merge changes no count, so it need not rebuild.
-- Two scans in one query rather than one scan with FILTERed aggregates: each filter on id goes
-- into its scan, and the one above $upto reads only the newest row groups (1M: 2.7 ms, 4.5 ms).
SELECT *
FROM (
    SELECT count(*) AS counted,
           sum(hash(hash(id, capital, stated_on, stance))) AS counted_signature
    FROM statements
    WHERE stance IS NOT NULL AND id <= $upto
), (
    SELECT coalesce(max(id), $upto) AS upto, count(*) AS added,
           sum(hash(hash(id, capital, stated_on, stance))) AS added_signature
    FROM statements
    WHERE stance IS NOT NULL AND id > $upto
);
