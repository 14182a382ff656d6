-- purpose: ingest floors (bench/run.py): a benchmark CSV read as text, once, for bench/floor_topics, bench/floor_statements and bench/floor_no_keys to store (registered as `floor_rows` with the ids drawn for it, as ingest reads a file into a frame and draws its ids)
-- params: $path VARCHAR
-- returns: date VARCHAR, capital VARCHAR, speaker VARCHAR, speaker_role VARCHAR, topic VARCHAR, stance VARCHAR, quote VARCHAR, quote_language VARCHAR, source_url VARCHAR, source_name VARCHAR, notes VARCHAR (bench/generate.py's CSV columns)
SELECT * FROM read_csv($path, header = true, all_varchar = true);
