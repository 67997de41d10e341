-- SQLite (the embedded default). STRICT tables, so a value of the wrong type is refused as on
-- PostgreSQL. SQLite has no UUID or timestamp type: ids are TEXT in canonical form, timestamps
-- TEXT in one fixed-width UTC format (db.ColumnTypes), so they compare in time order.
CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    scopes      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
) STRICT;

CREATE TABLE videos (
    id                        TEXT PRIMARY KEY,
    account_id                TEXT NOT NULL REFERENCES accounts (id),
    stored_file_name          TEXT NOT NULL,
    name                      TEXT NOT NULL,
    description               TEXT NOT NULL,
    tags_json                 TEXT NOT NULL,
    metadata_json             TEXT NOT NULL,
    content_protection        TEXT NOT NULL,
    content_key_id            TEXT,
    input_encryption          TEXT,
    state                     INTEGER NOT NULL,
    status_message            TEXT NOT NULL,
    progress                  INTEGER NOT NULL,
    playable                  INTEGER NOT NULL,
    duration_seconds          INTEGER NOT NULL,
    upload_open               INTEGER NOT NULL,
    version                   INTEGER NOT NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
) STRICT;

-- Keyset pagination: newest first within an account.
-- Tags live twice: in tags_json so one row answers a GET, in video_tags to filter by tag.
CREATE INDEX videos_by_account_created ON videos (account_id, created_at, id);

CREATE TABLE video_tags (
    video_id    TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (video_id, tag)
) STRICT;

CREATE INDEX video_tags_by_tag ON video_tags (tag, video_id);
