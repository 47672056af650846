-- Idempotency-Key records (IETF httpapi-idempotency-key-header): one per user and key, holding the first
-- request's fingerprint and, once answered, its response, so that a retry gets that answer again.
CREATE TABLE idempotency_record (
    principal         VARCHAR(255)             NOT NULL,
    idempotency_key   VARCHAR(255)             NOT NULL,
    fingerprint       VARCHAR(64)              NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    status            INTEGER,
    location          VARCHAR(2000),
    etag              VARCHAR(100),
    body              VARCHAR(100000),
    PRIMARY KEY (principal, idempotency_key)
);
