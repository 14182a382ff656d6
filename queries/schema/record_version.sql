-- purpose: mark one migration as applied
-- params: $version INTEGER, $name VARCHAR
-- returns: nothing
INSERT INTO schema_version (version, name) VALUES ($version, $name);
