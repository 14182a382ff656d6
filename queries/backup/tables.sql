-- purpose: every table of the store with the tables its foreign keys point at, so backup and restore can put parents first
-- params: none
-- returns: table_name VARCHAR, parents VARCHAR[]
SELECT t.table_name,
       coalesce(list(DISTINCT c.referenced_table) FILTER (WHERE c.referenced_table IS NOT NULL), [])
           AS parents
FROM duckdb_tables() AS t
LEFT JOIN duckdb_constraints() AS c
       ON c.database_name = t.database_name AND c.schema_name = t.schema_name
      AND c.table_name = t.table_name AND c.constraint_type = 'FOREIGN KEY'
WHERE t.database_name = current_database() AND t.schema_name = 'main' AND NOT t.temporary
GROUP BY t.table_name
ORDER BY t.table_name;
