-- When this instance's projections carried out each erasure (the words gone from its audit log too): the receipts
-- auditors see on the timeline's audit page.
CREATE TABLE erasure_receipt (
    timeline_id VARCHAR(64)              NOT NULL,
    erasure_id  VARCHAR(64)              NOT NULL,
    applied_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (timeline_id, erasure_id)
);
