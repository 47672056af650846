-- The time zone a timeline's readers see its times in (IANA); none: the newsroom's (timeline.reader.zone).
ALTER TABLE timeline ADD COLUMN time_zone VARCHAR(64);
