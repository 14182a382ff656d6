-- purpose: the first step of a whole rebuild of the derived table stance_links (db.rebuild_stance_links): the table replaced by an empty one of capital_links' columns, which derived/insert_capital_links then fills a range of capitals at a time
-- params: none
-- returns: nothing
CREATE OR REPLACE TABLE stance_links AS FROM capital_links(NULL, NULL);
