package io.mediaconnector.processing;

import io.mediaconnector.support.Timestamps;
import io.mediaconnector.account.Caller;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.storage.BlobProperties;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** "Indicate Completion of Upload": closes the UploadUri and queues the encoding. */
public final class UploadCompletion {
    private final VideoService videos;
    private final VideoRepository repository;
    private final BlobStore store;
    private final int maxAttempts;
    private final Clock clock;
    private final Randomness randomness;
    private final JobSignal signal;

    public UploadCompletion(VideoService videos, VideoRepository repository, BlobStore store, int maxAttempts,
                            Clock clock, Randomness randomness, JobSignal signal) {
        this.videos = videos;
        this.repository = repository;
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.randomness = randomness;
        this.signal = signal;
    }

    public Video markComplete(Caller caller, UUID id) {
        Video video = videos.get(caller, id);
        if (!video.uploadOpen()) {
            throw ProblemException.conflict("The upload of this video was already marked complete.");
        }
        Optional<BlobProperties> upload;
        try {
            upload = store.getProperties(video.containerName(), video.storedFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (upload.isEmpty() || upload.get().length() == 0) {
            throw ProblemException.conflict("Nothing was uploaded to this video's UploadUri yet.");
        }
        OffsetDateTime now = Timestamps.now(clock);
        if (!repository.closeUploadAndQueueEncoding(caller.accountId(), id, randomness.newId(), maxAttempts,
                VideoState.PROCESSING.defaultMessage(), now)) {
            throw ProblemException.conflict("The upload of this video was already marked complete.");
        }
        signal.jobQueued();
        return videos.get(caller, id);
    }
}
