package io.mediaconnector.db;

import io.mediaconnector.account.Account;
import io.mediaconnector.processing.EncodingJob;
import io.mediaconnector.support.Json;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The job queue's leases, retries and races, against the real database, with a clock the test moves. */
@ParameterizedClass
@EnumSource(TestDatabase.Engine.class)
class DatabaseJobQueueTest {
    @Parameter
    TestDatabase.Engine engine;
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Database database;
    private VideoRepository videos;
    private DatabaseJobQueue queue;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private UUID account;

    @BeforeEach
    void open() {
        database = TestDatabase.open(engine, dir);
        videos = new VideoRepository(database, Json.newMapper());
        queue = new DatabaseJobQueue(database, clock);
        account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", now()));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aQueuedJobIsClaimedOnceAndCarriesItsAttempt() {
        UUID video = queuedVideo();
        EncodingJob job = queue.claim("w1", LEASE).orElseThrow();
        assertThat(job.videoId()).isEqualTo(video);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(queue.claim("w2", LEASE)).isEmpty();
    }

    @Test
    void aDeadWorkersJobIsTakenOverWhenItsLeaseRunsOut() {
        queuedVideo();
        EncodingJob first = queue.claim("dead", LEASE).orElseThrow();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(queue.claim("w2", LEASE)).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        EncodingJob second = queue.claim("w2", LEASE).orElseThrow();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempt()).isEqualTo(2);
        // The dead worker, should it wake up, has lost the job.
        assertThat(queue.heartbeat(first, "dead", LEASE)).isFalse();
        assertThat(queue.heartbeat(second, "w2", LEASE)).isTrue();
    }

    @Test
    void heartbeatsKeepTheJob() {
        queuedVideo();
        EncodingJob job = queue.claim("w1", LEASE).orElseThrow();
        for (int i = 0; i < 5; i++) {
            clock.advance(LEASE.dividedBy(3));
            assertThat(queue.heartbeat(job, "w1", LEASE)).isTrue();
            assertThat(queue.claim("w2", LEASE)).isEmpty();
        }
    }

    @Test
    void aRetriedJobWaitsForItsBackoff() {
        queuedVideo();
        EncodingJob job = queue.claim("w1", LEASE).orElseThrow();
        queue.retryLater(job, "w1", "ffmpeg crashed", Duration.ofSeconds(10));
        assertThat(queue.claim("w1", LEASE)).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(queue.claim("w1", LEASE)).hasValueSatisfying(again -> assertThat(again.attempt()).isEqualTo(2));
    }

    @Test
    void finishedJobsAreNeverClaimedAgain() {
        queuedVideo();
        queuedVideo();
        EncodingJob done = queue.claim("w1", LEASE).orElseThrow();
        EncodingJob failed = queue.claim("w1", LEASE).orElseThrow();
        queue.succeed(done, "w1");
        queue.fail(failed, "w1", "not a video");
        clock.advance(Duration.ofHours(1));
        assertThat(queue.claim("w1", LEASE)).isEmpty();
    }

    @Test
    void deletingTheVideoTakesTheJobAwayFromItsWorker() {
        UUID video = queuedVideo();
        EncodingJob job = queue.claim("w1", LEASE).orElseThrow();
        assertThat(videos.delete(account, video)).isTrue();
        assertThat(queue.heartbeat(job, "w1", LEASE)).isFalse();
    }

    @Test
    void anAttemptPutBackUncountedIsGivenBackAndWaitsForItsDelay() {
        queuedVideo();
        EncodingJob job = queue.claim("w1", LEASE).orElseThrow();
        queue.putBackUncounted(job, "w1", "node shut down", Duration.ofSeconds(10));
        assertThat(queue.heartbeat(job, "w1", LEASE)).isFalse();
        assertThat(queue.claim("w2", LEASE)).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(queue.claim("w2", LEASE)).hasValueSatisfying(again -> {
            assertThat(again.id()).isEqualTo(job.id());
            assertThat(again.attempt()).isEqualTo(1);
        });
    }

    @Test
    void onlyTheLeaseHolderPutsAJobBack() {
        queuedVideo();
        EncodingJob job = queue.claim("w1", LEASE).orElseThrow();
        queue.putBackUncounted(job, "someone-else", "node shut down", Duration.ZERO);
        assertThat(queue.heartbeat(job, "w1", LEASE)).isTrue();
    }

    @Test
    void aRestartedNodeTakesBackTheJobsItsKilledPredecessorHeldAndOnlyThose() {
        queuedVideo();
        queuedVideo();
        queuedVideo();
        EncodingJob mine = queue.claim("worker-0123456789ab-0", LEASE).orElseThrow();
        EncodingJob otherNodes = queue.claim("worker-ba9876543210-0", LEASE).orElseThrow();
        EncodingJob finished = queue.claim("worker-0123456789ab-1", LEASE).orElseThrow();
        queue.succeed(finished, "worker-0123456789ab-1");

        assertThat(queue.reclaimAbandoned("worker-0123456789ab-", "its node stopped")).isEqualTo(1);

        // Back at once, its interrupted attempt counted; the other node's job keeps its lease.
        assertThat(queue.claim("w2", LEASE)).hasValueSatisfying(again -> {
            assertThat(again.id()).isEqualTo(mine.id());
            assertThat(again.attempt()).isEqualTo(2);
        });
        assertThat(queue.claim("w2", LEASE)).isEmpty();
        assertThat(queue.heartbeat(otherNodes, "worker-ba9876543210-0", LEASE)).isTrue();
    }

    @Test
    void aFailedVideoIsQueuedAgainWithAFreshSetOfAttempts() {
        UUID video = queuedVideo();
        EncodingJob job = queue.claim("w1", LEASE).orElseThrow();
        assertThat(reopenAndQueue(account, video, UUID.randomUUID()))
                .as("still processing").isFalse();
        videos.fail(video, "broken ffmpeg", now());
        queue.fail(job, "w1", "broken ffmpeg");

        assertThat(reopenAndQueue(UUID.randomUUID(), video, UUID.randomUUID()))
                .as("another account").isFalse();
        UUID retry = UUID.randomUUID();
        assertThat(reopenAndQueue(account, video, retry)).isTrue();
        assertThat(reopenAndQueue(account, video, UUID.randomUUID()))
                .as("already queued again").isFalse();

        assertThat(videos.findAny(video)).hasValueSatisfying(again -> {
            assertThat(again.state()).isEqualTo(VideoState.PROCESSING);
            assertThat(again.statusMessage()).isEqualTo("Processing");
        });
        assertThat(queue.claim("w1", LEASE)).hasValueSatisfying(claimed -> {
            assertThat(claimed.id()).isEqualTo(retry);
            assertThat(claimed.attempt()).isEqualTo(1);
        });
        assertThat(queue.claim("w1", LEASE)).isEmpty();
    }

    @Test
    void racingWorkersNeverShareAJob() throws Exception {
        for (int i = 0; i < 10; i++) {
            queuedVideo();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<UUID>>> workers = List.of(claimAll("a"), claimAll("b"), claimAll("c"), claimAll("d"));
            List<UUID> claimed = new java.util.ArrayList<>();
            for (Future<List<UUID>> result : pool.invokeAll(workers)) {
                claimed.addAll(result.get());
            }
            assertThat(claimed).hasSize(10).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<List<UUID>> claimAll(String worker) {
        return () -> {
            List<UUID> mine = new java.util.ArrayList<>();
            Optional<EncodingJob> job;
            while ((job = queue.claim(worker, LEASE)).isPresent()) {
                mine.add(job.get().id());
            }
            return mine;
        };
    }

    private UUID queuedVideo() {
        OffsetDateTime now = now();
        Video video = new Video(UUID.randomUUID(), account, UUID.randomUUID() + ".mp4",
                new Video.VideoDetails("clip", "", List.of(), Map.of()), ContentProtection.NONE, Optional.empty(),
                InputEncryption.NONE, VideoState.CREATED, "Awaiting upload.", 0, false, 0, true, Publication.NONE, 1,
                now, now);
        videos.insert(video);
        assertThat(closeAndQueue(account, video.id(), UUID.randomUUID(), 3, now)).isTrue();
        assertThat(closeAndQueue(account, video.id(), UUID.randomUUID(), 3, now)).isFalse();
        return video.id();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** MarkComplete's transaction: the upload closes and a job is queued, or neither. */
    private boolean closeAndQueue(UUID accountId, UUID videoId, UUID jobId, int maxAttempts, OffsetDateTime now) {
        return database.inTransaction(() -> {
            if (!videos.closeUpload(accountId, videoId, "Processing", now)) {
                return false;
            }
            new DatabaseJobQueue(database, clock).enqueue(jobId, videoId, maxAttempts);
            return true;
        });
    }

    /** Retry's transaction: a Failed video goes back to Processing with a new job, or nothing happens. */
    private boolean reopenAndQueue(UUID accountId, UUID videoId, UUID jobId) {
        return database.inTransaction(() -> {
            if (!videos.reopenFailed(accountId, videoId, "Processing", now())) {
                return false;
            }
            queue.enqueue(jobId, videoId, 3);
            return true;
        });
    }
}
