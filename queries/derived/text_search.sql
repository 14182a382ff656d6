-- purpose: the cached search of a text (folded as the text filter compares it), if any: the statement_words version its hits were found in and the last statement id they cover
-- params: $search VARCHAR
-- returns: words_version VARCHAR, upto BIGINT
SELECT words_version, upto FROM text_searches WHERE text = folded($search);
