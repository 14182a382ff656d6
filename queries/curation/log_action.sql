-- purpose: record one curation action in the audit log (this also moves the live data version on)
-- params: $by VARCHAR, $action VARCHAR, $batch_id INTEGER, $edit_id INTEGER, $detail VARCHAR
-- returns: id BIGINT
INSERT INTO curation_log ("by", action, batch_id, edit_id, detail)
VALUES ($by, $action, $batch_id, $edit_id, $detail)
RETURNING id;
