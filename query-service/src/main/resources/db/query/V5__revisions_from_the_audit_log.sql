-- An update's revisions are its entries in the audit log, which holds each event as it arrived: the table that
-- repeated their words is gone, and the log is found by update as well as by sequence.
CREATE INDEX ix_audit_entry_update ON audit_entry (timeline_id, update_id, sequence);
DROP TABLE update_revision;
