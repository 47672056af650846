-- Each approved erasure, where its event stands in the audit log, and when this instance carried it out (null: not
-- yet), the receipt auditors see: a projection of its own, so that the sweep reads the few not carried out instead of
-- searching the audit log, and a rebuild, which reads the words back from the topic, starts with none carried out.
CREATE TABLE erasure (
    timeline_id VARCHAR(64)              NOT NULL,
    erasure_id  VARCHAR(64)              NOT NULL,
    update_id   VARCHAR(64)              NOT NULL,
    sequence    BIGINT                   NOT NULL,
    approved_at TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (timeline_id, erasure_id)
);
