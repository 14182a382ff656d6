-- purpose: bench/peers.py, inside a transaction it rolls back: remove $n statements spread over the store (by a hash of their id; bench/archive_sample_statements archives them first, as an undo does), so that stance_links has that many groups to refresh and stance_daily that many counts to take away, as after a small undo
-- params: $n INTEGER
-- returns: nothing
DELETE FROM statements
WHERE id IN (SELECT id FROM statements ORDER BY hash(id) LIMIT $n);
