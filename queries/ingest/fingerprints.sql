-- purpose: SHA-256 (hex) of each key of the registered Arrow table `fingerprint_keys`, in its row order (ingest.fingerprint's hash, computed in parallel)
-- params: none
-- returns: fingerprint VARCHAR
SELECT sha256(key) AS fingerprint FROM fingerprint_keys;
