package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    /** An endless encode: only a kill ends it. */
    private static final List<String> ENDLESS = List.of("-nostdin", "-hide_banner", "-loglevel", "error",
            "-re", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=10", "-f", "null", "-");

    @Test
    void killsAProcessThatExceedsItsTimeout() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> TestMedia.runner().ffmpeg(ENDLESS, Duration.ofMillis(800), new CancelHandle(), l -> { }))
                .isInstanceOf(EncodingTimeoutException.class)
                .hasMessageContaining("did not finish");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void cancelKillsTheRunningProcess() throws Exception {
        CancelHandle cancel = new CancelHandle();
        CompletableFuture<ProcessRunner.Outcome> run = CompletableFuture.supplyAsync(
                () -> TestMedia.runner().ffmpeg(ENDLESS, Duration.ofMinutes(1), cancel, l -> { }));
        Thread.sleep(500);

        cancel.cancel();

        assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EncodingCancelledException.class);
    }

    @Test
    void nothingStartsOnceCancelled() {
        CancelHandle cancel = new CancelHandle();
        cancel.cancel();

        assertThatThrownBy(() -> TestMedia.runner().ffmpeg(List.of("-version"), Duration.ofSeconds(5), cancel, l -> { }))
                .isInstanceOf(EncodingCancelledException.class);
    }
}
