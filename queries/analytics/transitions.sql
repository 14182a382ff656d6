-- purpose: per capital, counts of previous_stance -> stance between consecutive statements on a topic (diagonal = line kept), for a matrix or Sankey; filters select the later statement
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR
-- returns: capital VARCHAR, previous_stance VARCHAR, stance VARCHAR, transitions BIGINT, is_change BOOLEAN
-- requires: stance_links, text_hits
SELECT l.capital, l.previous_stance, l.stance, count(*) AS transitions,
       l.previous_stance <> l.stance AS is_change
FROM filtered_links($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text) AS l
WHERE l.previous_stance IS NOT NULL
GROUP BY 1, 2, 3
ORDER BY capital, previous_stance, stance;
