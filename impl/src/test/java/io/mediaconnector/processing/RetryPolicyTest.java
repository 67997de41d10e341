package io.mediaconnector.processing;

import io.mediaconnector.encoding.EncodingCancelledException;
import io.mediaconnector.encoding.EncodingException;
import io.mediaconnector.encoding.UnsupportedMediaException;
import io.mediaconnector.processing.RetryPolicy.Settlement;
import io.mediaconnector.processing.RetryPolicy.Settlement.Kind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed attempts count against a job's limit, and what follows each. */
class RetryPolicyTest {
    private static final Duration DISK_FULL_BACKOFF = Duration.ofSeconds(30);
    private static final String HINT = " Was it encrypted with the right key?";

    private final RetryPolicy policy = new RetryPolicy(DISK_FULL_BACKOFF);

    private static EncodingJob attempt(int attempt, int maxAttempts) {
        return new EncodingJob(UUID.randomUUID(), UUID.randomUUID(), attempt, maxAttempts);
    }

    @Test
    void aFailedEncodeIsRetriedWithDoublingBackoffAndSaysSo() {
        EncodingException crash = new EncodingException("ffmpeg crashed");

        Settlement first = policy.afterFailure(attempt(1, 3), crash, false, HINT);
        Settlement second = policy.afterFailure(attempt(2, 3), crash, false, HINT);

        assertThat(first).isEqualTo(new Settlement(Kind.RETRY_LATER, "ffmpeg crashed", Duration.ofSeconds(5),
                Optional.of("Processing hit an error and will be retried (attempt 1 of 3).")));
        assertThat(second.kind()).isEqualTo(Kind.RETRY_LATER);
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(second.statusMessage()).contains("Processing hit an error and will be retried (attempt 2 of 3).");
    }

    @Test
    void theLastAttemptsFailureEndsTheVideoWithItsReason() {
        Settlement last = policy.afterFailure(attempt(3, 3), new EncodingException("ffmpeg crashed"), false, HINT);

        assertThat(last).isEqualTo(new Settlement(Kind.FAIL, "Encoding failed after 3 attempts: ffmpeg crashed",
                Duration.ZERO, Optional.empty()));
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsKind() {
        Settlement settlement = policy.afterFailure(attempt(1, 3), new IllegalStateException(), false, HINT);

        assertThat(settlement.reason()).isEqualTo("IllegalStateException");
    }

    @Test
    void anInputThatIsNotAVideoFailsAtOnceWithWhatToCheck() {
        Settlement settlement = policy.afterFailure(attempt(1, 3),
                new UnsupportedMediaException("The uploaded file is not a video."), false, HINT);

        assertThat(settlement).isEqualTo(new Settlement(Kind.FAIL,
                "The uploaded file is not a video. Was it encrypted with the right key?", Duration.ZERO,
                Optional.empty()));
    }

    @Test
    void aFullDiskPutsTheJobBackUncountedAfterTheBackoffWhateverTheAttempt() {
        IOException full = new IOException("No space left on device");

        for (int attempt = 1; attempt <= 3; attempt++) {
            Settlement settlement = policy.afterFailure(attempt(attempt, 3), new UncheckedIOException(full), false, HINT);

            assertThat(settlement).isEqualTo(new Settlement(Kind.PUT_BACK_UNCOUNTED,
                    "disk full: java.io.IOException: No space left on device", DISK_FULL_BACKOFF,
                    Optional.of(RetryPolicy.WAITING_FOR_SPACE)));
        }
    }

    @Test
    void aShutdownPutsTheJobBackAtOnceUncountedWhateverTheFailureLooksLike() {
        for (Exception failure : new Exception[] {new EncodingException("ffmpeg killed"),
                new EncodingCancelledException("cancelled"), new UnsupportedMediaException("half a file")}) {
            Settlement settlement = policy.afterFailure(attempt(3, 3), failure, true, HINT);

            assertThat(settlement).as(failure.toString()).isEqualTo(new Settlement(Kind.PUT_BACK_UNCOUNTED,
                    "node shut down", Duration.ZERO, Optional.empty()));
        }
    }

    @Test
    void aCancelledRunLeavesTheJobAloneItIsNoLongerThisWorkers() {
        Settlement settlement = policy.afterFailure(attempt(1, 3), new EncodingCancelledException("cancelled"), false,
                HINT);

        assertThat(settlement.kind()).isEqualTo(Kind.NONE);
        assertThat(settlement.statusMessage()).isEmpty();
    }

    @Test
    void aJobClaimedMoreOftenThanItsLimitWasInterruptedByDyingNodes() {
        assertThat(policy.interruptedTooOften(attempt(3, 3))).isEmpty();
        assertThat(policy.interruptedTooOften(attempt(4, 3))).contains(
                "Encoding was interrupted 3 times (the node running it stopped without finishing it); giving up.");
    }
}
