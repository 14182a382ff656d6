-- purpose: SQLite dialect, run by bench/peers.py: stance changes per capital (a statement whose stance differs from the capital's previous one on the topic, by date then id)
-- params: none
-- returns: capital TEXT, changes INTEGER
SELECT capital, count(*) AS changes
FROM (
    SELECT capital, stance,
           lag(stance) OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS previous_stance
    FROM statements
)
WHERE previous_stance IS NOT NULL AND stance <> previous_stance
GROUP BY capital
ORDER BY capital;
