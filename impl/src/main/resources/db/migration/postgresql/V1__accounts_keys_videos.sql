-- PostgreSQL (scale-out). The SQLite twin of this file is ../sqlite/V1__accounts_keys_videos.sql.
CREATE TABLE accounts (
    id          UUID PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_keys (
    id          UUID PRIMARY KEY,
    account_id  UUID NOT NULL REFERENCES accounts (id),
    name        VARCHAR(255) NOT NULL,
    key_hash    VARCHAR(64) NOT NULL UNIQUE,
    scopes      VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE videos (
    id                        UUID PRIMARY KEY,
    account_id                UUID NOT NULL REFERENCES accounts (id),
    stored_file_name          VARCHAR(64) NOT NULL,
    name                      VARCHAR(255) NOT NULL,
    description               VARCHAR(5000) NOT NULL,
    tags_json                 VARCHAR(10000) NOT NULL,
    metadata_json             VARCHAR(100000) NOT NULL,
    content_protection        VARCHAR(16) NOT NULL,
    content_key_id            VARCHAR(64),
    input_encryption          VARCHAR(16),
    state                     SMALLINT NOT NULL,
    status_message            VARCHAR(1000) NOT NULL,
    progress                  SMALLINT NOT NULL,
    playable                  BOOLEAN NOT NULL,
    duration_seconds          INTEGER NOT NULL,
    upload_open               BOOLEAN NOT NULL,
    version                   BIGINT NOT NULL,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keyset pagination: newest first within an account.
-- Tags live twice: in tags_json so one row answers a GET, in video_tags to filter by tag.
CREATE INDEX videos_by_account_created ON videos (account_id, created_at, id);

CREATE TABLE video_tags (
    video_id    UUID NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    tag         VARCHAR(64) NOT NULL,
    position    SMALLINT NOT NULL,
    PRIMARY KEY (video_id, tag)
);

CREATE INDEX video_tags_by_tag ON video_tags (tag, video_id);
