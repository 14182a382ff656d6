-- purpose: the capitals whose histories a whole rebuild of stance_links takes a range at a time (db.rebuild_stance_links), in the table's order; every statement's capital is one of them (its foreign key)
-- params: none
-- returns: name VARCHAR
SELECT name FROM capitals ORDER BY name;
