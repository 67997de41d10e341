package io.mediaconnector.video;

import io.mediaconnector.video.Video.VideoDetails;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where video records are kept. Every read and write of an account's video is scoped by its
 * account id; the unscoped reads are for workers and playback, never for an API caller.
 */
public interface VideoStore {
    void insert(Video video);

    /** The account's video (the API's hottest read). */
    Optional<Video> find(UUID accountId, UUID id);

    /**
     * Up to {@code limit} videos of the account, newest first, strictly after the cursor, in the
     * given state and with the given tag when those are set.
     */
    List<Video> page(UUID accountId, VideoState state, String tag, PageCursor after, int limit);

    /**
     * Replaces the details if the video's version is {@code expectedVersion} (when given); false
     * when no row matched: the video is gone or changed meanwhile.
     */
    boolean updateDetails(UUID accountId, UUID id, Long expectedVersion, VideoDetails details, OffsetDateTime updated);

    boolean delete(UUID accountId, UUID id);

    /** Any account's video. */
    Optional<Video> findAny(UUID id);

    Optional<Video> findByLocator(String locator);

    /** Closes the upload and moves the video to Processing; false when the upload was already closed. */
    boolean closeUpload(UUID accountId, UUID id, String message, OffsetDateTime now);

    /** Moves a Failed video back to Processing; false when it is not Failed. */
    boolean reopenFailed(UUID accountId, UUID id, String message, OffsetDateTime now);

    void recordDuration(UUID id, int seconds, OffsetDateTime now);

    /** Progress only moves forward, and only while the video is processing. */
    void recordProgress(UUID id, int percent, OffsetDateTime now);

    void recordStatusMessage(UUID id, String message, OffsetDateTime now);

    /** Makes a published output set current; with {@code completed}, the video is done. */
    void publish(UUID id, Publication publication, boolean completed, String message, OffsetDateTime now);

    void fail(UUID id, String message, OffsetDateTime now);
}
