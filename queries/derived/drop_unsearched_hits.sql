-- purpose: drop the hits of the searches evict_text_searches forgot
-- params: $texts VARCHAR[]
-- returns: nothing
DELETE FROM text_hits WHERE list_contains($texts, text);
