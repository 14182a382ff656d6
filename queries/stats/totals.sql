-- purpose: headline numbers under the common filters: statements, topics, capitals, date span, last arrival
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: statements BIGINT, topics BIGINT, capitals BIGINT, first_on DATE, last_on DATE, last_recorded_at TIMESTAMPTZ
-- requires: text_hits
SELECT count(*) AS statements,
       count(DISTINCT topic_id) AS topics,
       count(DISTINCT capital) AS capitals,
       min(stated_on) AS first_on,
       max(stated_on) AS last_on,
       max(recorded_at) AS last_recorded_at
FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text);
