-- purpose: the records of an uploaded CSV as text, in file order, by DuckDB's own reader (csvfast.py: used only when every record is one physical line, so line = position + 2)
-- params: $path VARCHAR, $delim VARCHAR, $columns MAP(VARCHAR, VARCHAR)
-- returns: c0 .. cN VARCHAR (one column per header column; NULL where the field is empty)
SELECT *
FROM read_csv($path, header = false, skip = 1, delim = $delim, quote = '"', escape = '"',
              all_varchar = true, strict_mode = true, auto_detect = false,
              null_padding = false, columns = $columns);
