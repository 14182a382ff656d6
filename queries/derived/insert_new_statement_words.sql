-- purpose: bring statement_words up to date after a write: the statements that arrived since (ids only grow, and a statement's words never change; the words of an undone batch stay behind, matching no statement)
-- params: none
-- returns: nothing
INSERT INTO statement_words
SELECT id,
       folded(quote) AS quote,
       folded(speaker) AS speaker
FROM statements
WHERE id > (SELECT coalesce(max(id), 0) FROM statement_words)
ORDER BY id;
