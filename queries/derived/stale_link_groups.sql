-- purpose: the (capital, topic) groups whose statements no longer match stance_links (a signature of ids, dates, stances and speakers per group, on both sides), kept in a temp table for the incremental refresh of stance_links (db.ensure_stance_links); `moved` is how far the group's size changed, a cheap first sign of a large write
-- params: none
-- returns: nothing
CREATE OR REPLACE TEMP TABLE stale_link_groups AS
WITH now AS (
    SELECT capital, topic_id, count(*) AS statements,
           sum(hash(id, stated_on, stance, speaker)) AS signature
    FROM statements
    WHERE stance IS NOT NULL
    GROUP BY capital, topic_id
), built AS (
    SELECT capital, topic_id, count(*) AS statements,
           sum(hash(id, stated_on, stance, speaker)) AS signature
    FROM stance_links
    GROUP BY capital, topic_id
)
SELECT coalesce(now.capital, built.capital) AS capital,
       coalesce(now.topic_id, built.topic_id) AS topic_id,
       abs(coalesce(now.statements, 0) - coalesce(built.statements, 0)) AS moved
FROM now
FULL OUTER JOIN built ON built.capital = now.capital AND built.topic_id = now.topic_id
WHERE now.signature IS DISTINCT FROM built.signature
   OR now.statements IS DISTINCT FROM built.statements;
