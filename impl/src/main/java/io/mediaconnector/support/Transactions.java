package io.mediaconnector.support;

import java.util.function.Supplier;

/**
 * Runs work as one database transaction: every store call made inside it, on this thread, commits
 * or rolls back together (a state change and the job it queues; a video and its keys).
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code action} once the transaction this thread is in has committed (never if it rolls
     * back), or at once outside a transaction: for effects that must not see uncommitted state.
     */
    void afterCommit(Runnable action);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
