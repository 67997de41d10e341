package io.mediaconnector.http;

import java.util.concurrent.Semaphore;

/**
 * How many requests this node serves at once. One instance per node, shared by every path that
 * answers requests, so the limit holds whichever path a request takes.
 */
public final class InFlightLimit {
    private final Semaphore permits;

    public InFlightLimit(int maxConcurrentRequests) {
        this.permits = new Semaphore(maxConcurrentRequests);
    }

    /** Takes a place, or returns false at once when the node is full. */
    public boolean tryEnter() {
        return permits.tryAcquire();
    }

    public void leave() {
        permits.release();
    }
}
