-- When a timeline last changed is the time of its last applied event: kept with that event's sequence, written
-- once per applied batch, instead of an UPDATE of the timeline row for every event.
ALTER TABLE timeline_position ADD COLUMN last_occurred_at TIMESTAMP WITH TIME ZONE;
UPDATE timeline_position SET last_occurred_at =
    (SELECT t.updated_at FROM timeline t WHERE t.timeline_id = timeline_position.timeline_id);
ALTER TABLE timeline DROP COLUMN updated_at;
