-- purpose: the known capitals and their aliases, for normalising the capital column of an upload
-- params: none
-- returns: name VARCHAR, aliases VARCHAR[]
SELECT name, aliases FROM capitals ORDER BY name;
