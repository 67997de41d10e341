package io.mediaconnector.processing;

import io.mediaconnector.encoding.EncodingCancelledException;
import io.mediaconnector.encoding.UnsupportedMediaException;
import io.mediaconnector.support.DiskFull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Which attempts of an encoding job count against its limit, and what happens after one fails.
 * A failure of the input or of the encode counts, and is retried with backoff (5 s, 10 s, 20 s …)
 * until the limit; an input that is not a video fails at once. An attempt interrupted by a graceful
 * shutdown (a deploy) or by a full disk does not count: it goes back to the queue, after a backoff
 * for the disk. An attempt whose node died counts (its lease ran out): nothing tells a crash of the
 * node from an input that crashes it, and the limit is what stops such an input.
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
    /** Status message of a video whose encode waits for space. */
    static final String WAITING_FOR_SPACE = "Waiting for disk space: disk full; encoding resumes when space is freed.";
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(5);

    private final Duration diskFullBackoff;

    /** @param diskFullBackoff how long an attempt that found the disk full waits before the job is tried again */
    public RetryPolicy(Duration diskFullBackoff) {
        this.diskFullBackoff = diskFullBackoff;
    }

    /** What becomes of a job after a failed attempt, and what the video's Status says meanwhile. */
    record Settlement(Kind kind, String reason, Duration delay, Optional<String> statusMessage) {
        enum Kind {
            /** Back to the queue after {@code delay}; the attempt does not count. */
            PUT_BACK_UNCOUNTED,
            /** Back to the queue after {@code delay}; the attempt counts. */
            RETRY_LATER,
            /** The video fails with {@code reason} as its message. */
            FAIL,
            /** Nothing to do: the job is no longer this worker's (video deleted, lease lost). */
            NONE
        }
    }

    /**
     * Claims beyond the limit happen only when a node died during the attempt (its lease ran out, or
     * it found its own job at its next start): a poison input that kills its node ends here, with
     * this message, instead of killing nodes forever.
     */
    Optional<String> interruptedTooOften(EncodingJob job) {
        return job.attempt() > job.maxAttempts()
                ? Optional.of("Encoding was interrupted " + job.maxAttempts()
                        + " times (the node running it stopped without finishing it); giving up.")
                : Optional.empty();
    }

    /**
     * @param shuttingDown the node is stopping: whatever the attempt died of, the node killed its ffmpeg
     * @param inputHint    appended to the message when the input is not a video (what to check)
     */
    Settlement afterFailure(EncodingJob job, Exception failure, boolean shuttingDown, String inputHint) {
        if (shuttingDown) {
            LOG.info("video {}: node shutting down; job {} goes back to the queue", job.videoId(), job.id());
            return new Settlement(Settlement.Kind.PUT_BACK_UNCOUNTED, "node shut down", Duration.ZERO, Optional.empty());
        }
        if (failure instanceof EncodingCancelledException) {
            LOG.info("video {}: job {} cancelled (video deleted or lease lost)", job.videoId(), job.id());
            return new Settlement(Settlement.Kind.NONE, "cancelled", Duration.ZERO, Optional.empty());
        }
        if (DiskFull.causedBy(failure)) {
            // One line, no stack trace: this repeats while the disk stays full, on that very disk.
            LOG.warn("video {}: the disk is full; job {} waits {}s for space (attempt not counted): {}", job.videoId(),
                    job.id(), diskFullBackoff.toSeconds(), reason(failure));
            return new Settlement(Settlement.Kind.PUT_BACK_UNCOUNTED, "disk full: " + reason(failure), diskFullBackoff,
                    Optional.of(WAITING_FOR_SPACE));
        }
        if (failure instanceof UnsupportedMediaException) {
            return new Settlement(Settlement.Kind.FAIL, failure.getMessage() + inputHint, Duration.ZERO, Optional.empty());
        }
        if (job.attempt() < job.maxAttempts()) {
            Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << (job.attempt() - 1));
            LOG.warn("video {}: attempt {} failed, retrying in {}s", job.videoId(), job.attempt(), delay.toSeconds(),
                    failure);
            return new Settlement(Settlement.Kind.RETRY_LATER, reason(failure), delay,
                    Optional.of("Processing hit an error and will be retried (attempt " + job.attempt() + " of "
                            + job.maxAttempts() + ")."));
        }
        LOG.warn("video {}: attempt {} failed, giving up", job.videoId(), job.attempt(), failure);
        return new Settlement(Settlement.Kind.FAIL,
                "Encoding failed after " + job.maxAttempts() + " attempts: " + reason(failure), Duration.ZERO,
                Optional.empty());
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
