-- purpose: the rows of stance_links for statements that arrived after every row of their histories (derived/link_ends_before_cuts): each group's window over its last stored row and the new statements, as a whole rebuild (the capital_links macro) computes every group, keeping only the new rows
-- params: $upto BIGINT (stance_links' highest id before them, from db.links_state)
-- returns: nothing
-- The stored last row starts the window, so it counts as a new run there: its stored run number
-- less one carries the count on (as in insert_stale_links.sql). Its speaker is not needed.
-- The window is written out as in capital_links (schema/macros.sql) and insert_stale_links.sql, not shared
-- through a view, for the reason given there (DuckDB then no longer restricts it to the groups).
-- tests/unit/test_links_refresh.py requires the result to equal a whole rebuild.
INSERT INTO stance_links
SELECT id, capital, topic_id, stated_on, stance, speaker,
       previous_id, previous_stance, previous_on, next_on, run_no
FROM (
    SELECT *,
           CAST(coalesce(end_run - 1, 0)
                + sum((previous_stance IS NULL OR previous_stance <> stance)::INTEGER)
                  OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS BIGINT) AS run_no
    FROM (
        SELECT r.*,
               lag(r.id) OVER w AS previous_id,
               lag(r.stance) OVER w AS previous_stance,
               lag(r.stated_on) OVER w AS previous_on,
               lead(r.stated_on) OVER w AS next_on
        FROM (
            SELECT end_id AS id, capital, topic_id, end_on AS stated_on, end_stance AS stance,
                   NULL::VARCHAR AS speaker, end_run, true AS stored
            FROM stale_link_ends
            WHERE end_id IS NOT NULL
            UNION ALL
            SELECT s.id, s.capital, s.topic_id, s.stated_on, s.stance, s.speaker, e.end_run,
                   false AS stored
            FROM statements AS s
            JOIN stale_link_ends AS e ON e.capital = s.capital AND e.topic_id = s.topic_id
            WHERE s.stance IS NOT NULL AND s.id > $upto
        ) AS r
        WINDOW w AS (PARTITION BY capital, topic_id ORDER BY stated_on, id)
    )
)
WHERE NOT stored;
