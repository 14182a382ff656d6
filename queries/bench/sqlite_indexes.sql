-- purpose: SQLite dialect, run by bench/peers.py after loading: covering indexes for the two peer computations (share by month, changes by capital and topic in date then id order), then ANALYZE
-- params: none
-- returns: nothing
CREATE INDEX statements_share ON statements (stated_on, capital, stance);
CREATE INDEX statements_history ON statements (capital, topic_id, stated_on, id, stance);
ANALYZE;
