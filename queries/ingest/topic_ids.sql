-- purpose: every topic's id and title, to match incoming titles (case- and space-insensitively, in Python)
-- params: none
-- returns: id INTEGER, title VARCHAR
SELECT id, title FROM topics;
