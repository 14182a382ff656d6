-- purpose: forget the older searches, so the hits kept stay small: past the $kept most recent, or once the hits of the more recent ones add up to twice the statements; the latest search is always kept
-- params: $kept INTEGER
-- returns: nothing
DELETE FROM text_searches
WHERE text IN (
    SELECT text
    FROM (
        SELECT text,
               row_number() OVER recent AS rank,
               sum(hits) OVER (recent ROWS UNBOUNDED PRECEDING) AS hits_so_far
        FROM text_searches
        WINDOW recent AS (ORDER BY searched_at DESC, text)
    )
    WHERE rank > 1
      AND (rank > $kept OR hits_so_far > 2 * (SELECT count(*) FROM statement_words))
);
