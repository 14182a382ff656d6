-- purpose: rebuild the derived table stance_links: each statement (with the columns the common filters need, bar text), the one before and after it by the same capital on the same topic (date, then arrival), and the number of its run of one stance in that history; pending rows (no stance) are left out
-- params: none
-- returns: nothing
CREATE OR REPLACE TABLE stance_links AS
SELECT *,
       CAST(sum((previous_stance IS NULL OR previous_stance <> stance)::INTEGER)
            OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS BIGINT) AS run_no
FROM (
    SELECT id, capital, topic_id, stated_on, stance, speaker,
           lag(id) OVER w AS previous_id,
           lag(stance) OVER w AS previous_stance,
           lag(stated_on) OVER w AS previous_on,
           lead(stated_on) OVER w AS next_on
    FROM statements
    WHERE stance IS NOT NULL
    WINDOW w AS (PARTITION BY capital, topic_id ORDER BY stated_on, id)
)
ORDER BY capital, topic_id, stated_on, id;
