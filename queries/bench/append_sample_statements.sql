-- purpose: bench/peers.py, inside a transaction it rolls back: $n new statements dated the day after the latest, copies of statements spread over the store (by a hash of their id, so mostly on its busiest topics) with new ids and keys, as when a day's statements arrive
-- params: $n INTEGER
-- returns: nothing
INSERT INTO statements (stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
                        quote, fingerprint, fingerprint_key, batch_id)
SELECT (SELECT max(stated_on) FROM statements) + 1, capital, speaker, speaker_role, topic_id, stance,
       stance_origin, quote, 'appended ' || fingerprint, unhex(md5('appended ' || fingerprint)),
       batch_id
FROM statements
WHERE stance IS NOT NULL
ORDER BY hash(id)
LIMIT $n;
