package io.mediaconnector.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void anIoFailureOnTheOtherThreadIsRethrownAsItself() {
        IOException full = new IOException("No space left on device");
        assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(new UncheckedIOException(full)), "flushing"))
                .isSameAs(full);
    }

    @Test
    void otherFailuresAreIoErrorsNamingTheWork() {
        assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(new IllegalStateException("bug")), "hashing"))
                .isInstanceOf(IOException.class).hasMessage("hashing failed").hasRootCauseMessage("bug");
    }
}
