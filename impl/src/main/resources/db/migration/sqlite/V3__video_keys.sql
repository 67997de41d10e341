-- Content keys (AES-128 playback) and upload keys (AES-256-CTR input encryption), sealed with the
-- master key (AES-256-GCM) before they reach the database.
CREATE TABLE video_keys (
    video_id    TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    sealed_key  TEXT NOT NULL,
    iv          TEXT NOT NULL,
    PRIMARY KEY (video_id, purpose)
) STRICT;
