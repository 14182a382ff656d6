-- purpose: draw $steps values from one id sequence (DuckDB has no setval), so a restored store hands out new ids after the restored ones
-- params: $sequence_name VARCHAR, $steps BIGINT
-- returns: last_value BIGINT
SELECT max(nextval($sequence_name)) AS last_value FROM range($steps);
