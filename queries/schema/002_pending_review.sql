-- purpose: migration 2, let a statement wait for review without a stance (classifier abstained)
-- params: none
-- returns: nothing
-- Only rows with stance_origin 'classifier' may lack a stance. DuckDB cannot add a CHECK to an
-- existing table, so ingest enforces it (stancewatch/classify_ingest.py); the analytics macros
-- leave stance-less rows out of every chart until a person reviews them.
ALTER TABLE statements ALTER COLUMN stance DROP NOT NULL;
