-- What encoding publishes on a video, and the queue of encoding jobs that workers claim.
ALTER TABLE videos ADD COLUMN playback_locator TEXT;
ALTER TABLE videos ADD COLUMN output_set TEXT;
ALTER TABLE videos ADD COLUMN renditions_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE videos ADD COLUMN thumbnails_json TEXT NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX videos_by_playback_locator ON videos (playback_locator);

-- A job is claimed by writing a lease (owner + expiry) with a conditional UPDATE; a worker that
-- dies stops renewing its lease and the job becomes claimable again. Deleting the video deletes
-- the job, which its worker notices at the next heartbeat and stops ffmpeg.
CREATE TABLE encoding_jobs (
    id            TEXT PRIMARY KEY,
    video_id      TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    state         TEXT NOT NULL,
    attempts      INTEGER NOT NULL,
    max_attempts  INTEGER NOT NULL,
    run_after     TEXT NOT NULL,
    lease_owner   TEXT,
    lease_until   TEXT,
    last_error    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX encoding_jobs_by_state ON encoding_jobs (state, run_after);
CREATE INDEX encoding_jobs_by_video ON encoding_jobs (video_id);
