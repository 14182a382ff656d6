-- purpose: bench/refresh.py, inside a transaction it rolls back: $n new statements dated inside their histories, copies of statements spread over the store (by a hash of their id, so mostly on its busiest topics) on the same day with the other stance, new ids and keys, as when back-dated statements arrive: stance_links cannot append them and redoes the rows around them
-- params: $n INTEGER
-- returns: nothing
INSERT INTO statements (stated_on, capital, speaker, speaker_role, topic_id, stance, stance_origin,
                        quote, fingerprint, fingerprint_key, batch_id)
SELECT stated_on, capital, speaker, speaker_role, topic_id,
       CASE stance WHEN 'confirm' THEN 'deny' ELSE 'confirm' END, stance_origin, quote,
       'backdated ' || fingerprint, unhex(md5('backdated ' || fingerprint)), batch_id
FROM statements
WHERE stance IS NOT NULL
ORDER BY hash(id + 7)
LIMIT $n;
