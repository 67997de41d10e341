package io.mediaconnector.processing;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells this node's idle workers that a job was just queued here, so it starts at once instead
 * of at their next poll. Workers still poll the queue: jobs queued on other nodes, and retries
 * coming due, are found that way.
 */
public final class JobSignal {
    private final Semaphore queued = new Semaphore(0);

    public void jobQueued() {
        queued.release();
    }

    /** Waits up to {@code timeout} for a job queued on this node; true when one was. */
    boolean await(Duration timeout) throws InterruptedException {
        return queued.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wakes every waiting worker (the node is stopping). */
    void wakeAll(int workers) {
        queued.release(workers);
    }
}
