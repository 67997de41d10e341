package io.mediaconnector.processing;

import io.mediaconnector.support.Randomness;
import io.mediaconnector.support.Transactions;

import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Queues a video's encoding in the same transaction as the state change that asks for it (so a
 * crash never leaves a Processing video without a job, nor a job for a video that is not
 * Processing), then wakes this node's idle workers.
 */
public final class EncodingRequests {
    private final Transactions transactions;
    private final JobQueue jobs;
    private final int maxAttempts;
    private final Randomness randomness;
    private final JobSignal signal;

    public EncodingRequests(Transactions transactions, JobQueue jobs, int maxAttempts, Randomness randomness,
                            JobSignal signal) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.maxAttempts = maxAttempts;
        this.randomness = randomness;
        this.signal = signal;
    }

    /** Runs {@code stateChange}; if it happened, queues a job with a fresh set of attempts. False if it did not. */
    boolean queueIf(BooleanSupplier stateChange, UUID videoId) {
        boolean queued = transactions.inTransaction(() -> {
            if (!stateChange.getAsBoolean()) {
                return false;
            }
            jobs.enqueue(randomness.newId(), videoId, maxAttempts);
            return true;
        });
        if (queued) {
            signal.jobQueued();
        }
        return queued;
    }
}
