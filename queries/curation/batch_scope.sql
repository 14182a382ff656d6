-- purpose: what a batch covers (dates, capitals, topics), to link to the Overview filtered to it
-- params: $batch_id INTEGER
-- returns: first_on DATE, last_on DATE, capitals VARCHAR[], topics VARCHAR[], statements BIGINT
SELECT min(s.stated_on) AS first_on, max(s.stated_on) AS last_on,
       list(DISTINCT s.capital ORDER BY s.capital) AS capitals,
       list(DISTINCT t.title ORDER BY t.title) AS topics,
       count(*) AS statements
FROM statements AS s JOIN topics AS t ON t.id = s.topic_id
WHERE s.batch_id = $batch_id;
