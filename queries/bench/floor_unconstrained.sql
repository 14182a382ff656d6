-- purpose: ingest floor without the store's integrity (bench/run.py): the CSV read, each row's duplicate key hashed from its fields, and the rows stored in a table with no key, index, foreign key or check. The least any ingest that finds duplicates by content does: no validation, no normalisation, no duplicate search
-- params: $path VARCHAR
-- returns: nothing
CREATE TABLE unconstrained AS
SELECT CAST(r.date AS DATE) AS stated_on, r.* EXCLUDE (date),
       unhex(left(sha256(concat_ws(chr(31), r.date, r.capital, r.topic, r.speaker, r.quote)), 32))
           AS fingerprint_key
FROM read_csv($path, header = true, all_varchar = true) AS r;
