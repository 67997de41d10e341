package io.mediaconnector.processing;

import io.mediaconnector.account.Caller;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoState;

import java.time.Clock;
import java.util.UUID;

/**
 * Encodes a Failed video again from its stored upload, once its owner has fixed the cause (a
 * broken ffmpeg, a full disk that outlasted the attempts, an outage): a new job with a fresh set
 * of attempts, queued in the same transaction that moves the video back to Processing.
 */
public final class EncodingRetry {
    private final VideoService videos;
    private final VideoRepository repository;
    private final int maxAttempts;
    private final Clock clock;
    private final Randomness randomness;
    private final JobSignal signal;

    public EncodingRetry(VideoService videos, VideoRepository repository, int maxAttempts, Clock clock,
                         Randomness randomness, JobSignal signal) {
        this.videos = videos;
        this.repository = repository;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.randomness = randomness;
        this.signal = signal;
    }

    public Video retry(Caller caller, UUID id) {
        Video video = videos.get(caller, id);
        if (video.state() != VideoState.FAILED
                || !repository.requeueFailedEncoding(caller.accountId(), id, randomness.newId(), maxAttempts,
                        VideoState.PROCESSING.defaultMessage(), Timestamps.now(clock))) {
            throw ProblemException.conflict("Only a video whose encoding failed can be retried; this one is "
                    + videos.get(caller, id).state().wireName() + ".");
        }
        signal.jobQueued();
        return videos.get(caller, id);
    }
}
