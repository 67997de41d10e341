package io.mediaconnector.processing;

import io.mediaconnector.encoding.CancelHandle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker's side of the {@link JobQueue}: it claims a job under a lease, renews the lease with
 * heartbeats while the job runs, and settles the job as the lease's holder.
 */
public final class JobLeases {
    private final JobQueue queue;
    private final ScheduledExecutorService heartbeats;
    private final Duration lease;
    private final Duration heartbeat;

    /**
     * @param lease     how long a claim lasts without renewal: a dead worker's job is claimed again after it
     * @param heartbeat how often a running job's lease is renewed (well within {@code lease})
     */
    public JobLeases(JobQueue queue, ScheduledExecutorService heartbeats, Duration lease, Duration heartbeat) {
        this.queue = queue;
        this.heartbeats = heartbeats;
        this.lease = lease;
        this.heartbeat = heartbeat;
    }

    /** The next job for {@code workerId}, if the queue has one. */
    Optional<Lease> claim(String workerId) {
        return queue.claim(workerId, lease).map(job -> new Lease(job, workerId));
    }

    /** One claimed job and the worker holding it, until the job is settled. */
    final class Lease {
        private final EncodingJob job;
        private final String workerId;

        private Lease(EncodingJob job, String workerId) {
            this.job = job;
            this.workerId = workerId;
        }

        EncodingJob job() {
            return job;
        }

        /**
         * Renews the lease every heartbeat until the returned future is cancelled. When renewing
         * fails (the video was deleted, or the lease was lost) or {@code shutdown} is cancelled,
         * cancels {@code run}: its ffmpeg must not keep working for a job that is no longer its own.
         */
        ScheduledFuture<?> keepAlive(CancelHandle shutdown, CancelHandle run) {
            return heartbeats.scheduleAtFixedRate(() -> {
                if (shutdown.isCancelled() || !queue.heartbeat(job, workerId, lease)) {
                    run.cancel();
                }
            }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        }

        void succeed() {
            queue.succeed(job, workerId);
        }

        /** Gives up on the job for good. */
        void fail(String error) {
            queue.fail(job, workerId, error);
        }

        /** Back to the queue after {@code delay}; this attempt counts. */
        void retryLater(String error, Duration delay) {
            queue.retryLater(job, workerId, error, delay);
        }

        /** Back to the queue after {@code delay}, as if this attempt never ran. */
        void putBackUncounted(String reason, Duration delay) {
            queue.putBackUncounted(job, workerId, reason, delay);
        }
    }
}
