package io.mediaconnector.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Flushes a file that is being written to disk on another thread every so many bytes, so the
 * disk works while the body is still arriving and the final fsync finds little left to do.
 * Without it a large upload sits in the page cache until its fsync, and the client waits for
 * the whole flush after its last byte. A failed early flush is left to the final fsync to report.
 */
final class EarlyFlush {
    private final FileChannel channel;
    private final Executor executor;
    private final long every;
    private long unflushed;
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    EarlyFlush(FileChannel channel, Executor executor, long every) {
        this.channel = channel;
        this.executor = executor;
        this.every = every;
    }

    /** Counts bytes written; starts a flush when enough are pending and none is running. */
    void wrote(long bytes) {
        unflushed += bytes;
        if (unflushed >= every && running.isDone()) {
            unflushed = 0;
            running = CompletableFuture.runAsync(this::flush, executor);
        }
    }

    /** Waits for a flush in progress, which must end before the channel is closed. */
    void awaitRunning() {
        running.exceptionally(failure -> null).join();
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
