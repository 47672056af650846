-- The query side's own tables, built only from the events on Kafka. The same DDL serves H2 and PostgreSQL.

-- Where each partition of the events topic has been applied up to; written in the same transaction as the rows
-- those events produced, so a crash can never apply an event twice or lose one.
CREATE TABLE consumed_offset (
    topic        VARCHAR(255) NOT NULL,
    partition_no INTEGER      NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (topic, partition_no)
);

-- How far each timeline's events have been applied: the next one must be exactly one more, an older one is a
-- duplicate delivery and is skipped.
CREATE TABLE timeline_position (
    timeline_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- One row per live story.
CREATE TABLE timeline (
    timeline_id      VARCHAR(64)              NOT NULL PRIMARY KEY,
    title            VARCHAR(1000)            NOT NULL,
    summary          VARCHAR(1000000)         NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_by        VARCHAR(255),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    pinned_update_id VARCHAR(64)
);

-- The reader projection: each update as readers see it now. A retracted update keeps no content here.
CREATE TABLE timeline_update (
    timeline_id     VARCHAR(64)              NOT NULL,
    update_id       VARCHAR(64)              NOT NULL,
    posted_sequence BIGINT                   NOT NULL,
    posted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revision        INTEGER                  NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    headline        VARCHAR(1000),
    blocks          VARCHAR(1000000),
    key_event       BOOLEAN                  NOT NULL,
    modified_at     TIMESTAMP WITH TIME ZONE,
    change_kind     VARCHAR(32),
    change_note     VARCHAR(4000),
    public_note     VARCHAR(4000),
    PRIMARY KEY (timeline_id, update_id)
);
CREATE INDEX ix_timeline_update_newest ON timeline_update (timeline_id, posted_sequence DESC);

-- Every revision of every update, never changed once written. Revision 1 is the post; a retraction is the last.
CREATE TABLE update_revision (
    timeline_id VARCHAR(64)              NOT NULL,
    update_id   VARCHAR(64)              NOT NULL,
    revision    INTEGER                  NOT NULL,
    sequence    BIGINT                   NOT NULL,
    kind        VARCHAR(32)              NOT NULL,
    headline    VARCHAR(1000),
    blocks      VARCHAR(1000000),
    key_event   BOOLEAN,
    note        VARCHAR(4000),
    reason      VARCHAR(4000),
    actor       VARCHAR(255),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (timeline_id, update_id, revision)
);

-- The audit log: every event of every timeline, who, what, when, as it arrived.
CREATE TABLE audit_entry (
    timeline_id VARCHAR(64)              NOT NULL,
    sequence    BIGINT                   NOT NULL,
    event_id    VARCHAR(64)              NOT NULL,
    type        VARCHAR(64)              NOT NULL,
    actor       VARCHAR(255),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    update_id   VARCHAR(64),
    envelope    VARCHAR(1000000)         NOT NULL,
    PRIMARY KEY (timeline_id, sequence),
    CONSTRAINT uk_audit_entry_event UNIQUE (event_id)
);
