-- purpose: drop the hits of the searches evict_text_searches forgot
-- params: none
-- returns: nothing
DELETE FROM text_hits WHERE text NOT IN (SELECT text FROM text_searches);
