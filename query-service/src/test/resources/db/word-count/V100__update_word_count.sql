-- A table only the tests' added projection writes: how many words each live update has.
CREATE TABLE update_word_count (
    timeline_id VARCHAR(64) NOT NULL,
    update_id   VARCHAR(64) NOT NULL,
    words       INTEGER     NOT NULL,
    PRIMARY KEY (timeline_id, update_id)
);
