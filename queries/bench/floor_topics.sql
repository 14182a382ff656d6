-- purpose: ingest floor (bench/run.py): the topics of a benchmark CSV straight into an empty store, so that the floor's statements can reference them
-- params: $path VARCHAR
-- returns: nothing
INSERT INTO topics (title)
SELECT DISTINCT topic FROM read_csv($path, header = true, all_varchar = true)
WHERE topic NOT IN (SELECT title FROM topics);
