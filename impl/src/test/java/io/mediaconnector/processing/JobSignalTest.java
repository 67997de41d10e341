package io.mediaconnector.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JobSignalTest {
    private final JobSignal signal = new JobSignal();

    @Test
    void aWaitingWorkerWakesWhenAJobIsQueued() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.await(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        signal.jobQueued();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withoutAJobTheWaitEndsAtThePollInterval() throws Exception {
        assertThat(signal.await(Duration.ofMillis(20))).isFalse();
    }

    @Test
    void aJobQueuedWhileNobodyWaitedIsSeenByTheNextWait() throws Exception {
        signal.jobQueued();
        assertThat(signal.await(Duration.ofMillis(1))).isTrue();
        assertThat(signal.await(Duration.ofMillis(1))).isFalse();
    }

    @Test
    void stoppingWakesEveryWorker() throws Exception {
        signal.wakeAll(2);
        assertThat(signal.await(Duration.ofMillis(1))).isTrue();
        assertThat(signal.await(Duration.ofMillis(1))).isTrue();
    }
}
