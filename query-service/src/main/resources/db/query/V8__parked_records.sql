-- A record the projections cannot read (not JSON, a type this version does not know) waits here, and so does every
-- later record of its timeline, in the order they came, so that the timeline is never applied out of order while
-- other timelines go on. An admin releases them (applied as they are, say after an upgrade) or skips the first.
CREATE TABLE parked_record (
    timeline_id     VARCHAR(64)              NOT NULL,
    kafka_partition INTEGER                  NOT NULL,
    kafka_offset    BIGINT                   NOT NULL,
    reason          VARCHAR(2000)            NOT NULL,
    record          BYTEA                    NOT NULL,
    parked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (timeline_id, kafka_partition, kafka_offset)
);

-- Records an admin chose to skip: who, when and why, with the record as it came.
CREATE TABLE skipped_record (
    timeline_id     VARCHAR(64)              NOT NULL,
    kafka_partition INTEGER                  NOT NULL,
    kafka_offset    BIGINT                   NOT NULL,
    parked_reason   VARCHAR(2000)            NOT NULL,
    record          BYTEA                    NOT NULL,
    skipped_by      VARCHAR(255)             NOT NULL,
    skip_reason     VARCHAR(2000)            NOT NULL,
    skipped_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (timeline_id, kafka_partition, kafka_offset)
);
