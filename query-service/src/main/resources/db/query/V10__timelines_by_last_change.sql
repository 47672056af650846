-- The list of timelines, the most recently changed first, read from an index in that order instead of sorting every
-- timeline for each request: an archive holds a hundred thousand of them.
CREATE INDEX ix_timeline_position_last_change ON timeline_position (last_occurred_at DESC, timeline_id);
