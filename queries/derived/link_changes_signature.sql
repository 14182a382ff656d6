-- purpose: the rows of stance_links and of the statements (with a stance) that undos and reviews since stance_links last saw them changed (the changed_statement_ids macro), counted and hashed as derived/links_signature hashes rows: db._known_link_changes checks that taking the first out of the table's hash and putting the second in gives the statements' hash (derived/statements_signature), i.e. that they are every change
-- params: $upto BIGINT (stance_links' highest id), $archived_us BIGINT, $revision_id BIGINT (derived/links_marks)
-- returns: gone BIGINT, gone_signature UBIGINT (NULL when none), back BIGINT, back_signature UBIGINT (NULL when none), changed BIGINT
SELECT *
FROM (
    SELECT count(*) AS gone,
           bit_xor(hash(hash(id, capital, topic_id, stated_on, stance, speaker))) AS gone_signature
    FROM stance_links
    WHERE id IN (SELECT id FROM changed_statement_ids($upto, $archived_us, $revision_id))
), (
    SELECT count(*) AS back,
           bit_xor(hash(hash(id, capital, topic_id, stated_on, stance, speaker))) AS back_signature
    FROM statements
    WHERE stance IS NOT NULL
      AND id IN (SELECT id FROM changed_statement_ids($upto, $archived_us, $revision_id))
), (
    SELECT count(*) AS changed FROM changed_statement_ids($upto, $archived_us, $revision_id)
);
