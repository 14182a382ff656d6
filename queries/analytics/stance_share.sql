-- purpose: per period, capital and stance: statements and their share of that capital's statements in that period (periods without statements are absent); counted from the daily rollup stance_daily unless a topic, speaker or text filter needs the statements themselves
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $grain VARCHAR
-- returns: period DATE, capital VARCHAR, stance VARCHAR, statements BIGINT, capital_statements BIGINT, share DOUBLE
-- requires: stance_daily, text_hits
WITH counted AS (
    SELECT CAST(date_trunc($grain, stated_on) AS DATE) AS period, capital, stance,
           CAST(sum(statements) AS BIGINT) AS statements
    FROM filtered_days($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
    GROUP BY 1, 2, 3
)
SELECT period, capital, stance, statements,
       CAST(sum(statements) OVER (PARTITION BY period, capital) AS BIGINT) AS capital_statements,
       statements / sum(statements) OVER (PARTITION BY period, capital) AS share
FROM counted
ORDER BY period, capital, stance;
