package io.mediaconnector.processing;

import io.mediaconnector.video.VideoStore;
import io.mediaconnector.encoding.ProbeResult;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoState;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Writes what a video's Status shows while its encode runs: the duration once probed, the
 * progress percent (throttled), status messages, and the failure that ends it.
 */
public final class ProgressRecorder {
    /** At most one progress write per this interval (except the last), so ffmpeg's reports do not flood the database. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final VideoStore videos;
    private final Clock clock;
    private final LongSupplier nanoTime;

    /**
     * @param clock    the time stamped on every write
     * @param nanoTime a monotonic clock for the progress throttle ({@code System::nanoTime}), so a
     *                 wall-clock step cannot hold progress back
     */
    public ProgressRecorder(VideoStore videos, Clock clock, LongSupplier nanoTime) {
        this.videos = videos;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** An attempt starts: the message an earlier attempt left ("will be retried", "waiting for space") goes. */
    void attemptStarted(Video video) {
        if (!video.statusMessage().equals(VideoState.PROCESSING.defaultMessage())) {
            message(video.id(), VideoState.PROCESSING.defaultMessage());
        }
    }

    void duration(UUID videoId, ProbeResult probe) {
        videos.recordDuration(videoId, (int) Math.round(probe.durationSeconds()), now());
    }

    /**
     * Where one run reports its overall percent: written when it grows, the first time and then at
     * most once per {@link #PROGRESS_INTERVAL} (100 always), and stored as 99 at most: the video
     * reaches 100 when its outputs are published.
     */
    IntConsumer progressOf(UUID videoId) {
        return new IntConsumer() {
            private int lastPercent = -1;
            private long lastWrittenAt;

            @Override
            public synchronized void accept(int percent) {
                long at = nanoTime.getAsLong();
                boolean due = lastPercent < 0 || percent == 100 || at - lastWrittenAt > PROGRESS_INTERVAL.toNanos();
                if (percent > lastPercent && due) {
                    lastPercent = percent;
                    lastWrittenAt = at;
                    videos.recordProgress(videoId, Math.min(percent, 99), now());
                }
            }
        };
    }

    void message(UUID videoId, String message) {
        videos.recordStatusMessage(videoId, message, now());
    }

    void failed(UUID videoId, String message) {
        videos.fail(videoId, message, now());
    }

    private OffsetDateTime now() {
        return Timestamps.now(clock);
    }
}
