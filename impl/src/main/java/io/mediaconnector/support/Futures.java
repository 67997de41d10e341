package io.mediaconnector.support;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for work handed to another thread, its failure surfacing as the I/O error it was. */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for {@code work}; {@code what} names it in the error if it failed. An
     * {@link UncheckedIOException} thrown by the work comes back as its {@link IOException}, so a
     * full disk on a helper thread reads the same as one on the caller's.
     */
    public static void await(CompletableFuture<?> work, String what) throws IOException {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause()
                    : new IOException(what + " failed", e.getCause());
        }
    }
}
