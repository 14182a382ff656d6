-- purpose: create a topic row for a rename's new title
-- params: $title VARCHAR
-- returns: id INTEGER
INSERT INTO topics (title) VALUES ($title) RETURNING id;
