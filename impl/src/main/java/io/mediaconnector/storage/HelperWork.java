package io.mediaconnector.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for work handed to the store's helper threads, their failures surfacing as I/O errors. */
final class HelperWork {
    private HelperWork() {
    }

    /** Waits for {@code work}; {@code what} names it in the error if it failed. */
    static void await(CompletableFuture<?> work, String what) throws IOException {
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
