-- purpose: stance changes per capital computed from statements in one pass (a window over capital and topic by date then id), DuckDB's side of the peer comparison in bench/peers.py
-- params: none
-- returns: capital VARCHAR, changes BIGINT
SELECT capital, count(*) AS changes
FROM (
    SELECT capital, stance,
           lag(stance) OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS previous_stance
    FROM statements
    WHERE stance IS NOT NULL
)
WHERE previous_stance IS NOT NULL AND stance <> previous_stance
GROUP BY capital
ORDER BY capital;
