-- purpose: analytics/stance_share computed from the statements alone (no derived table), DuckDB's from-scratch side of the peer comparison in bench/peers.py; tests check the two agree under every filter
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $grain VARCHAR
-- returns: period DATE, capital VARCHAR, stance VARCHAR, statements BIGINT, capital_statements BIGINT, share DOUBLE
-- requires: text_hits
WITH counted AS (
    SELECT CAST(date_trunc($grain, stated_on) AS DATE) AS period, capital, stance, count(*) AS statements
    FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
    GROUP BY 1, 2, 3
)
SELECT period, capital, stance, statements,
       CAST(sum(statements) OVER (PARTITION BY period, capital) AS BIGINT) AS capital_statements,
       statements / sum(statements) OVER (PARTITION BY period, capital) AS share
FROM counted
ORDER BY period, capital, stance;
