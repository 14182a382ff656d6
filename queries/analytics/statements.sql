-- purpose: one page of the filtered statements for a table, sorted by an allow-listed column, with the total row count on every row (the page's ids are found first, then only those rows are read whole)
-- params: $start_on DATE, $end_on DATE, $capitals VARCHAR[], $topics VARCHAR[], $stances VARCHAR[], $speakers VARCHAR[], $text VARCHAR, $sort VARCHAR, $descending BOOLEAN, $limit BIGINT, $offset BIGINT
-- returns: statement_id BIGINT, stated_on DATE, capital VARCHAR, topic VARCHAR, stance VARCHAR, speaker VARCHAR, speaker_role VARCHAR, quote VARCHAR, quote_language VARCHAR, source_url VARCHAR, source_name VARCHAR, notes VARCHAR, stance_origin VARCHAR, batch_id INTEGER, recorded_at TIMESTAMPTZ, total_rows BIGINT
-- requires: text_hits
WITH page AS (
    SELECT id, row_number() OVER () AS position
    FROM (
        SELECT id
        FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)
        ORDER BY
            CASE WHEN NOT $descending AND $sort = 'stated_on' THEN stated_on END ASC,
            CASE WHEN $descending AND $sort = 'stated_on' THEN stated_on END DESC,
            CASE WHEN NOT $descending AND $sort = 'recorded_at' THEN recorded_at END ASC,
            CASE WHEN $descending AND $sort = 'recorded_at' THEN recorded_at END DESC,
            CASE WHEN NOT $descending THEN CASE $sort WHEN 'capital' THEN capital WHEN 'topic' THEN topic
                WHEN 'stance' THEN stance WHEN 'speaker' THEN speaker END END ASC,
            CASE WHEN $descending THEN CASE $sort WHEN 'capital' THEN capital WHEN 'topic' THEN topic
                WHEN 'stance' THEN stance WHEN 'speaker' THEN speaker END END DESC,
            id DESC
        LIMIT $limit OFFSET $offset
    )
)
SELECT s.id AS statement_id, s.stated_on, s.capital, t.title AS topic, s.stance, s.speaker,
       s.speaker_role, s.quote, s.quote_language, s.source_url, s.source_name, s.notes,
       s.stance_origin, s.batch_id, s.recorded_at,
       (SELECT count(*) FROM filtered_statements($start_on, $end_on, $capitals, $topics, $stances, $speakers, $text)) AS total_rows
FROM page AS p
JOIN statements AS s ON s.id = p.id
JOIN topics AS t ON t.id = s.topic_id
ORDER BY p.position;
