-- Each update's revision and status, what the timeline's rules need to accept an edit, a retraction or a pin of
-- it: kept here, written in the transaction that stores the update's events, rather than in the timeline's
-- aggregate, whose state and snapshot would otherwise grow with every update of the story.
CREATE TABLE timeline_update (
    timeline_id VARCHAR(255) NOT NULL,
    update_id   VARCHAR(255) NOT NULL,
    revision    INTEGER      NOT NULL,
    retracted   BOOLEAN      NOT NULL,
    PRIMARY KEY (timeline_id, update_id)
);
