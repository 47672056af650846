-- Each erasure asked for, and its approval by a second person: written in the transaction that stores its events,
-- like timeline_update. An erased update takes no more changes.
CREATE TABLE timeline_erasure (
    timeline_id     VARCHAR(255)             NOT NULL,
    erasure_id      VARCHAR(255)             NOT NULL,
    update_id       VARCHAR(255)             NOT NULL,
    requested_by    VARCHAR(255)             NOT NULL,
    reason          VARCHAR(2000)            NOT NULL,
    legal_reference VARCHAR(1000)            NOT NULL,
    public_note     VARCHAR(2000)            NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    approved_by     VARCHAR(255),
    approved_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (timeline_id, erasure_id)
);

ALTER TABLE timeline_update ADD COLUMN erased BOOLEAN DEFAULT FALSE NOT NULL;
