-- purpose: the rows of stance_links for the stale groups, computed as rebuild_stance_links computes every group (incremental refresh)
-- params: none
-- returns: nothing
-- The window is written out here as in rebuild_stance_links.sql, not shared through a view:
-- with a view DuckDB no longer restricts both windows to the stale groups (1M: 212 -> 500 ms).
-- tests/unit/test_links_refresh.py requires the two to give the same rows.
INSERT INTO stance_links
SELECT *,
       CAST(sum((previous_stance IS NULL OR previous_stance <> stance)::INTEGER)
            OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS BIGINT) AS run_no
FROM (
    SELECT s.id, s.capital, s.topic_id, s.stated_on, s.stance, s.speaker,
           lag(s.id) OVER w AS previous_id,
           lag(s.stance) OVER w AS previous_stance,
           lag(s.stated_on) OVER w AS previous_on,
           lead(s.stated_on) OVER w AS next_on
    FROM statements AS s
    SEMI JOIN stale_link_groups AS g ON g.capital = s.capital AND g.topic_id = s.topic_id
    WHERE s.stance IS NOT NULL
    WINDOW w AS (PARTITION BY s.capital, s.topic_id ORDER BY s.stated_on, s.id)
);
