-- purpose: create the new topics of a batch (titles in the registered frame `new_topics`)
-- params: none
-- returns: id INTEGER, title VARCHAR
INSERT INTO topics (title) SELECT title FROM new_topics RETURNING id, title;
