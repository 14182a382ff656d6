-- purpose: SHA-256 (hex) of each row's duplicate key, joined from the registered Arrow table `fingerprint_parts` (its day, capital, folded topic, folded speaker and words, joined with U+001F as ingest.fingerprint joins them), in its row order: joined and hashed in parallel
-- params: none
-- returns: fingerprint VARCHAR
-- `||`, not concat_ws: a missing part (which the ingest never hands over: speaker is filled in,
-- a row with neither stance nor quote is refused) makes the fingerprint missing, and the insert
-- fails on it, instead of the part being left out of the key and the row keyed like another.
SELECT sha256(day || chr(31) || capital || chr(31) || topic || chr(31) || speaker || chr(31)
              || words) AS fingerprint
FROM fingerprint_parts;
