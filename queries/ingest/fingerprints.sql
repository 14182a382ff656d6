-- purpose: SHA-256 (hex) of each row's duplicate key, joined from the registered Arrow table `fingerprint_parts` (its day, capital, folded topic, folded speaker and words, joined with U+001F as ingest.fingerprint joins them), in its row order: joined and hashed in parallel
-- params: none
-- returns: fingerprint VARCHAR
-- `||`, not concat_ws: a missing part makes the key missing, as in the one-row function, instead
-- of being left out of it.
SELECT sha256(day || chr(31) || capital || chr(31) || topic || chr(31) || speaker || chr(31)
              || words) AS fingerprint
FROM fingerprint_parts;
