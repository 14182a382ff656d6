-- purpose: the statement rows the SQLite and pandas peers are given (bench/peers.py): the same rows the store holds, in arrival order
-- params: none
-- returns: id BIGINT, stated_on DATE, capital VARCHAR, speaker VARCHAR, topic_id INTEGER, stance VARCHAR, quote VARCHAR
SELECT id, stated_on, capital, speaker, topic_id, stance, quote
FROM statements
WHERE stance IS NOT NULL
ORDER BY id;
