package io.mediaconnector.support;

import java.util.function.Supplier;

/**
 * Runs work as one database transaction: every store call made inside it, on this thread, commits
 * or rolls back together (a state change and the job it queues; a video and its keys).
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
