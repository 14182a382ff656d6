-- purpose: record that a text's hits now cover statement_words as it stands (its version and last id), with their count and the time of this search
-- params: $search VARCHAR
-- returns: nothing
INSERT OR REPLACE INTO text_searches (text, words_version, upto, hits, searched_at)
SELECT folded($search),
       coalesce((SELECT value FROM settings WHERE key = 'statement_words_version'), ''),
       (SELECT coalesce(max(id), 0) FROM statement_words),
       (SELECT count(*) FROM text_hits WHERE text = folded($search)),
       current_timestamp;
