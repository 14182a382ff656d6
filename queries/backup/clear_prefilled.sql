-- purpose: empty the tables a new store's migrations fill (schema versions, capitals, settings, the derived stance_links and stance_daily) before a restore writes the backup's rows
-- params: none
-- returns: nothing
DELETE FROM stance_links;
DELETE FROM stance_daily;
DELETE FROM settings;
DELETE FROM capitals;
DELETE FROM schema_version;
