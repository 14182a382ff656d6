-- purpose: the records of an uploaded CSV as text, in file order, by DuckDB's own reader (csvfast.py: used only when every record is one physical line, so line = position + 2). $columns names one column more than the header has: DuckDB quietly drops one trailing empty field (a row `1,2,` under `a,b`), which the csv path reports as a ragged row, so that field must land somewhere to be seen; a short row is padded with NULL instead of refused, and no field reads as NULL (nullstr is the NUL byte, which csvfast refuses in a file)
-- params: $path VARCHAR, $delim VARCHAR, $columns MAP(VARCHAR, VARCHAR)
-- returns: c0 .. cN VARCHAR ('' where a field is empty; NULL where the record has no such field)
SELECT *
FROM read_csv($path, header = false, skip = 1, delim = $delim, quote = '"', escape = '"',
              all_varchar = true, strict_mode = true, auto_detect = false,
              null_padding = true, nullstr = chr(0), columns = $columns);
