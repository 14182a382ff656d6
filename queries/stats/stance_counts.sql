-- purpose: statements per capital and stance under the common filters (Overview chart, CLI stats)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: capital VARCHAR, stance VARCHAR, statements BIGINT
-- requires: text_hits
SELECT capital, stance, count(*) AS statements
FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
GROUP BY capital, stance
ORDER BY capital, stance;
