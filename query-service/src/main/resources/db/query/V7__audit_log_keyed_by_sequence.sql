-- The audit log is found by timeline and sequence, never by event id: the id stays in the envelope as it arrived.
-- Its column and unique index, kept up for every event and read by nothing, go; the primary key already holds each
-- event once, as the hash chain holds each sequence to one event.
ALTER TABLE audit_entry DROP CONSTRAINT uk_audit_entry_event;
ALTER TABLE audit_entry DROP COLUMN event_id;
