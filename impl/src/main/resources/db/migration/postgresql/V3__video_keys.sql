-- Content keys (AES-128 playback) and upload keys (AES-256-CTR input encryption), sealed with the
-- master key (AES-256-GCM) before they reach the database.
CREATE TABLE video_keys (
    video_id    UUID NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    purpose     VARCHAR(16) NOT NULL,
    key_id      VARCHAR(64) NOT NULL,
    sealed_key  VARCHAR(200) NOT NULL,
    iv          VARCHAR(64) NOT NULL,
    PRIMARY KEY (video_id, purpose)
);
