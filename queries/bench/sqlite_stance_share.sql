-- purpose: SQLite dialect, run by bench/peers.py: per month, capital and stance, statements and their share of that capital's statements in that month (as analytics/stance_share at grain month)
-- params: none
-- returns: period TEXT, capital TEXT, stance TEXT, statements INTEGER, capital_statements INTEGER, share REAL
WITH counted AS (
    SELECT substr(stated_on, 1, 7) || '-01' AS period, capital, stance, count(*) AS statements
    FROM statements
    GROUP BY 1, 2, 3
)
SELECT period, capital, stance, statements,
       sum(statements) OVER (PARTITION BY period, capital) AS capital_statements,
       1.0 * statements / sum(statements) OVER (PARTITION BY period, capital) AS share
FROM counted
ORDER BY period, capital, stance;
