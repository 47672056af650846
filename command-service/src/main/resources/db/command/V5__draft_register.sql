-- Each draft as it stands, what the timeline's rules need to accept a change to it and what the desk's queue shows:
-- written in the transaction that stores the draft's events, like timeline_update. No drafts were filed before
-- this table, so there is nothing earlier to register.
CREATE TABLE timeline_draft (
    timeline_id VARCHAR(255)             NOT NULL,
    draft_id    VARCHAR(255)             NOT NULL,
    author      VARCHAR(255)             NOT NULL,
    revision    INTEGER                  NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    content     VARCHAR(1000000)         NOT NULL,
    byline      VARCHAR(1000),
    note        VARCHAR(2000),
    update_id   VARCHAR(255),
    publish_at  TIMESTAMP WITH TIME ZONE,
    filed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(255)             NOT NULL,
    PRIMARY KEY (timeline_id, draft_id)
);
