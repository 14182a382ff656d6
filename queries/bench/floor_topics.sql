-- purpose: ingest floor (bench/run.py): the topics of a benchmark CSV (the registered `floor_rows`, bench/floor_rows) straight into an empty store, so that the floor's statements can reference them
-- params: none
-- returns: nothing
INSERT INTO topics (title)
SELECT DISTINCT topic FROM floor_rows
WHERE topic NOT IN (SELECT title FROM topics);
