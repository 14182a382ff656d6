-- purpose: rebuild the derived table stance_links: each statement (with the columns the common filters need, bar text) and the one before and after it by the same capital on the same topic (date, then arrival); pending rows (no stance) are left out
-- params: none
-- returns: nothing
CREATE OR REPLACE TABLE stance_links AS
SELECT id, capital, topic_id, stated_on, stance, speaker,
       lag(id) OVER w AS previous_id,
       lag(stance) OVER w AS previous_stance,
       lag(stated_on) OVER w AS previous_on,
       lead(stated_on) OVER w AS next_on
FROM statements
WHERE stance IS NOT NULL
WINDOW w AS (PARTITION BY capital, topic_id ORDER BY stated_on, id)
ORDER BY capital, topic_id, stated_on, id;
