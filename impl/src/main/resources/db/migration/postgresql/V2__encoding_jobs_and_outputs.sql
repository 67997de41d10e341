-- What encoding publishes on a video, and the queue of encoding jobs that workers claim.
ALTER TABLE videos ADD COLUMN playback_locator VARCHAR(64);
ALTER TABLE videos ADD COLUMN output_set VARCHAR(16);
ALTER TABLE videos ADD COLUMN renditions_json VARCHAR(10000) DEFAULT '[]' NOT NULL;
ALTER TABLE videos ADD COLUMN thumbnails_json VARCHAR(10000) DEFAULT '[]' NOT NULL;
CREATE UNIQUE INDEX videos_by_playback_locator ON videos (playback_locator);

-- A job is claimed by writing a lease (owner + expiry) with a conditional UPDATE; a worker that
-- dies stops renewing its lease and the job becomes claimable again. Deleting the video deletes
-- the job, which its worker notices at the next heartbeat and stops ffmpeg.
CREATE TABLE encoding_jobs (
    id            UUID PRIMARY KEY,
    video_id      UUID NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    state         VARCHAR(16) NOT NULL,
    attempts      INTEGER NOT NULL,
    max_attempts  INTEGER NOT NULL,
    run_after     TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner   VARCHAR(64),
    lease_until   TIMESTAMP WITH TIME ZONE,
    last_error    VARCHAR(2000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX encoding_jobs_by_state ON encoding_jobs (state, run_after);
CREATE INDEX encoding_jobs_by_video ON encoding_jobs (video_id);
