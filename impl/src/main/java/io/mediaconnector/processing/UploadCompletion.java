package io.mediaconnector.processing;

import io.mediaconnector.support.Timestamps;
import io.mediaconnector.account.Caller;
import io.mediaconnector.failure.StateConflictException;
import io.mediaconnector.storage.BlobProperties;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoState;
import io.mediaconnector.video.VideoStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** "Indicate Completion of Upload": closes the UploadUri and queues the encoding. */
public final class UploadCompletion {
    private final VideoService videos;
    private final VideoStore records;
    private final BlobStore store;
    private final EncodingRequests encodings;
    private final Clock clock;

    public UploadCompletion(VideoService videos, VideoStore records, BlobStore store, EncodingRequests encodings,
                            Clock clock) {
        this.videos = videos;
        this.records = records;
        this.store = store;
        this.encodings = encodings;
        this.clock = clock;
    }

    public Video markComplete(Caller caller, UUID id) {
        Video video = videos.get(caller, id);
        if (!video.uploadOpen()) {
            throw new StateConflictException("The upload of this video was already marked complete.");
        }
        Optional<BlobProperties> upload;
        try {
            upload = store.getProperties(video.containerName(), video.storedFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (upload.isEmpty() || upload.get().length() == 0) {
            throw new StateConflictException("Nothing was uploaded to this video's UploadUri yet.");
        }
        OffsetDateTime now = Timestamps.now(clock);
        if (!encodings.queueIf(() -> records.closeUpload(caller.accountId(), id,
                VideoState.PROCESSING.defaultMessage(), now), id)) {
            throw new StateConflictException("The upload of this video was already marked complete.");
        }
        return videos.get(caller, id);
    }
}
