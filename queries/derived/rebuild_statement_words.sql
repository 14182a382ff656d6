-- purpose: rebuild the derived table statement_words: each statement's quote and speaker folded for the text filter (lower case, accents stripped), as filtered_statements compares them, so a search scans folded text instead of folding every row again (10M rows: 12.5 -> 0.5 s a query)
-- params: none
-- returns: nothing
CREATE OR REPLACE TABLE statement_words AS
SELECT id,
       folded(quote) AS quote,
       folded(speaker) AS speaker
FROM statements
ORDER BY id;
