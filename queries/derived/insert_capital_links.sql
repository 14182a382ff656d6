-- purpose: the stance histories of the capitals from $first_capital to $last_capital (in name order) into stance_links, in its order (capital, topic, date, arrival), during a whole rebuild (db.rebuild_stance_links, after derived/clear_stance_links): see the capital_links macro
-- params: $first_capital VARCHAR, $last_capital VARCHAR
-- returns: nothing
INSERT INTO stance_links FROM capital_links($first_capital, $last_capital);
