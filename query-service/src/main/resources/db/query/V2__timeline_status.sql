-- A timeline is OPEN (live) or CLOSED (coverage ended at closed_at).
ALTER TABLE timeline ADD COLUMN status VARCHAR(16) DEFAULT 'OPEN' NOT NULL;
ALTER TABLE timeline ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
