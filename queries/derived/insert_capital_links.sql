-- purpose: one capital's stance histories into stance_links, in its order (capital, topic, date, arrival), during a whole rebuild (db.rebuild_stance_links, after derived/clear_stance_links): see the capital_links macro
-- params: $capital VARCHAR
-- returns: nothing
INSERT INTO stance_links FROM capital_links($capital);
