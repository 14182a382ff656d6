-- purpose: the shared table macros every named query builds on; replaced on every start (idempotent)
-- params: none
-- returns: nothing

-- The common filters of DESIGN.md in one place: named queries read statements through this macro.
-- An empty list or NULL means "all". Text is matched literally (no LIKE wildcards), ignoring case
-- and accents (Cyrillic included: lower() and strip_accents() are Unicode-aware).
CREATE OR REPLACE MACRO filtered_statements(start_on, end_on, capitals, topics, stances, speakers, text) AS TABLE
    SELECT s.*, t.title AS topic
    FROM statements AS s
    JOIN topics AS t ON t.id = s.topic_id
    WHERE (start_on IS NULL OR s.stated_on >= start_on)
      AND (end_on IS NULL OR s.stated_on <= end_on)
      AND (capitals IS NULL OR len(capitals) = 0 OR list_contains(capitals, s.capital))
      AND (topics IS NULL OR len(topics) = 0 OR list_contains(topics, t.title))
      AND (stances IS NULL OR len(stances) = 0 OR list_contains(stances, s.stance))
      AND (speakers IS NULL OR len(speakers) = 0 OR list_contains(speakers, s.speaker))
      AND (text IS NULL OR text = ''
           OR contains(strip_accents(lower(coalesce(s.quote, ''))), strip_accents(lower(text)))
           OR contains(strip_accents(lower(coalesce(s.speaker, ''))), strip_accents(lower(text)))
           OR contains(strip_accents(lower(t.title)), strip_accents(lower(text))))
      AND s.stance IS NOT NULL;

-- Every statement with the one before it by the same capital on the same topic, over the full
-- history: ordered by date, then arrival (id). A stance change is a row whose stance differs from
-- previous_stance. Queries filter the rows of this macro, never its input, so a filter can
-- neither invent nor hide a change.
CREATE OR REPLACE MACRO stance_history() AS TABLE
    SELECT s.*, t.title AS topic,
           lag(s.id) OVER w AS previous_id,
           lag(s.stance) OVER w AS previous_stance,
           lag(s.stated_on) OVER w AS previous_on,
           lag(s.speaker) OVER w AS previous_speaker,
           lag(s.quote) OVER w AS previous_quote,
           lag(s.source_url) OVER w AS previous_source_url,
           lead(s.stated_on) OVER w AS next_on
    FROM statements AS s
    JOIN topics AS t ON t.id = s.topic_id
    WHERE s.stance IS NOT NULL
    WINDOW w AS (PARTITION BY s.capital, s.topic_id ORDER BY s.stated_on, s.id);
