-- Whom readers see an update credited to (UpdatePosted version 2; for version 1, the editor who posted it).
ALTER TABLE timeline_update ADD COLUMN byline VARCHAR(1000);
