-- purpose: add to a text's hits the statements after $upto whose folded quote or speaker contains it (the first search of a text scans every statement's words; a later one only what arrived)
-- params: $search VARCHAR, $upto BIGINT
-- returns: nothing
INSERT INTO text_hits
SELECT folded($search), id
FROM statement_words
WHERE id > $upto
  AND (contains(quote, folded($search)) OR contains(speaker, folded($search)))
ORDER BY id;
