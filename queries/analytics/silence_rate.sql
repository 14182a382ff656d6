-- purpose: per capital and period, the share of no_comment among its statements; counted from the daily rollup stance_daily unless a topic, speaker or text filter needs the statements themselves
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $grain VARCHAR
-- returns: period DATE, capital VARCHAR, statements BIGINT, no_comment BIGINT, silence_rate DOUBLE
-- requires: stance_daily, text_hits
SELECT CAST(date_trunc($grain, stated_on) AS DATE) AS period, capital,
       CAST(sum(statements) AS BIGINT) AS statements,
       CAST(coalesce(sum(statements) FILTER (WHERE stance = 'no_comment'), 0) AS BIGINT) AS no_comment,
       coalesce(sum(statements) FILTER (WHERE stance = 'no_comment'), 0) / sum(statements) AS silence_rate
FROM filtered_days($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
GROUP BY 1, 2
ORDER BY period, capital;
