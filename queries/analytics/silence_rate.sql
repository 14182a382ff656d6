-- purpose: per capital and period, the share of no_comment among its statements
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $grain VARCHAR
-- returns: period DATE, capital VARCHAR, statements BIGINT, no_comment BIGINT, silence_rate DOUBLE
SELECT CAST(date_trunc($grain, stated_on) AS DATE) AS period, capital,
       count(*) AS statements,
       count(*) FILTER (WHERE stance = 'no_comment') AS no_comment,
       count(*) FILTER (WHERE stance = 'no_comment') / count(*) AS silence_rate
FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
GROUP BY 1, 2
ORDER BY period, capital;
