package io.mediaconnector.processing;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The encoding jobs that workers on any node claim. A claim is a lease that the worker renews
 * with heartbeats; a job whose lease ran out (its worker died) can be claimed again.
 */
public interface JobQueue {
    Optional<EncodingJob> claim(String workerId, Duration lease);

    /** Renews the lease; false when the job is no longer this worker's (video deleted, lease lost). */
    boolean heartbeat(EncodingJob job, String workerId, Duration lease);

    void succeed(EncodingJob job, String workerId);

    /** Gives up on the job for good. */
    void fail(EncodingJob job, String workerId, String error);

    /** Puts the job back, to be claimed again after {@code delay}; this attempt counts. */
    void retryLater(EncodingJob job, String workerId, String error, Duration delay);

    /**
     * Puts the job back, to be claimed again after {@code delay}, without counting this attempt:
     * it was interrupted through no fault of the job (its node is shutting down, the disk is full).
     */
    void putBackUncounted(EncodingJob job, String workerId, String reason, Duration delay);

    /**
     * Puts back, at once, every job still leased by a worker whose id starts with
     * {@code workerIdPrefix} (letters, digits and dashes): an earlier run of this node that died
     * without settling them. Their interrupted attempts count. Returns how many there were.
     */
    int reclaimAbandoned(String workerIdPrefix, String reason);

    /** Queues a new job for the video (call it in the transaction that changes the video's state). */
    void enqueue(UUID jobId, UUID videoId, int maxAttempts);
}
