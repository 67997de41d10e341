package io.mediaconnector.processing;

import io.mediaconnector.account.Caller;
import io.mediaconnector.failure.StateConflictException;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoState;
import io.mediaconnector.video.VideoStore;

import java.time.Clock;
import java.util.UUID;

/**
 * Encodes a Failed video again from its stored upload, once its owner has fixed the cause (a
 * broken ffmpeg, a full disk that outlasted the attempts, an outage): a new job with a fresh set
 * of attempts, queued in the same transaction that moves the video back to Processing.
 */
public final class EncodingRetry {
    private final VideoService videos;
    private final VideoStore records;
    private final EncodingRequests encodings;
    private final Clock clock;

    public EncodingRetry(VideoService videos, VideoStore records, EncodingRequests encodings, Clock clock) {
        this.videos = videos;
        this.records = records;
        this.encodings = encodings;
        this.clock = clock;
    }

    public Video retry(Caller caller, UUID id) {
        Video video = videos.get(caller, id);
        if (video.state() != VideoState.FAILED
                || !encodings.queueIf(() -> records.reopenFailed(caller.accountId(), id,
                        VideoState.PROCESSING.defaultMessage(), Timestamps.now(clock)), id)) {
            throw new StateConflictException("Only a video whose encoding failed can be retried; this one is "
                    + videos.get(caller, id).state().wireName() + ".");
        }
        return videos.get(caller, id);
    }
}
