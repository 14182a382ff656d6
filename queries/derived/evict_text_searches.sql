-- purpose: forget the older searches, so the hits kept stay small: past the $kept most recent, or once the hits of the more recent ones add up to twice the statements; the search of $search, just stored, is always kept (a query that finds its search gone scans the words: text_hit_ids)
-- params: $search VARCHAR, $kept INTEGER
-- returns: text VARCHAR (each search forgotten)
DELETE FROM text_searches
WHERE text <> folded($search)
  AND text IN (
    SELECT text
    FROM (
        SELECT text,
               row_number() OVER recent AS rank,
               sum(hits) OVER (recent ROWS UNBOUNDED PRECEDING) AS hits_so_far
        FROM text_searches
        WINDOW recent AS (ORDER BY text = folded($search) DESC, searched_at DESC, text)
    )
    WHERE rank > $kept OR hits_so_far > 2 * (SELECT count(*) FROM statement_words)
)
RETURNING text;
