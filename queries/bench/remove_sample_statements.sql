-- purpose: bench/peers.py, inside a transaction it rolls back: remove $n statements spread over the store (by a hash of their id), so that stance_links has that many groups to refresh, as after a small write
-- params: $n INTEGER
-- returns: nothing
DELETE FROM statements
WHERE id IN (SELECT id FROM statements ORDER BY hash(id) LIMIT $n);
