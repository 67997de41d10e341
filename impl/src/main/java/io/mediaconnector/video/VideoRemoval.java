package io.mediaconnector.video;

/**
 * What else goes when a video record is deleted: its upload and outputs. (Its encoding job goes
 * with the row; the worker notices at its next heartbeat and stops ffmpeg.)
 */
public interface VideoRemoval {
    void afterDelete(Video video);
}
