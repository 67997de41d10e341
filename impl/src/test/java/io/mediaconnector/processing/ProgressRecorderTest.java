package io.mediaconnector.processing;

import io.mediaconnector.account.Account;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.TestDatabase;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.encoding.ProbeResult;
import io.mediaconnector.encoding.VideoStreamInfo;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What a running encode writes to its video's Status, against the real database, with time the test moves. */
class ProgressRecorderTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final long HALF_A_SECOND = ProgressRecorder.PROGRESS_INTERVAL.toNanos();

    @TempDir
    Path dir;
    private Database database;
    private VideoRepository videos;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicLong nanoTime = new AtomicLong(7_000_000_000L);
    private ProgressRecorder recorder;
    private UUID video;

    @BeforeEach
    void open() {
        database = TestDatabase.open(TestDatabase.Engine.SQLITE, dir);
        videos = new VideoRepository(database, Json.newMapper());
        recorder = new ProgressRecorder(videos, clock, nanoTime::get);
        video = processingVideo();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void progressIsWrittenAtFirstThenAtMostTwiceASecond() {
        IntConsumer progress = recorder.progressOf(video);

        progress.accept(3);
        assertThat(stored().progress()).isEqualTo(3);

        nanoTime.addAndGet(HALF_A_SECOND / 2);
        progress.accept(10);
        assertThat(stored().progress()).as("a quarter second later").isEqualTo(3);

        nanoTime.addAndGet(HALF_A_SECOND);
        progress.accept(12);
        assertThat(stored().progress()).isEqualTo(12);
        assertThat(stored().updated()).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    @Test
    void progressNeverGoesBackAndStopsAt99UntilTheVideoCompletes() {
        IntConsumer progress = recorder.progressOf(video);
        progress.accept(40);

        nanoTime.addAndGet(2 * HALF_A_SECOND);
        progress.accept(30);
        assertThat(stored().progress()).isEqualTo(40);

        progress.accept(100);
        assertThat(stored().progress()).as("the end, however soon").isEqualTo(99);
    }

    @Test
    void eachRunHasItsOwnThrottle() {
        recorder.progressOf(video).accept(50);

        recorder.progressOf(video).accept(60);

        assertThat(stored().progress()).isEqualTo(60);
    }

    @Test
    void theDurationIsStoredInWholeSeconds() {
        recorder.duration(video, new ProbeResult(61.6, 1_000, "mov,mp4",
                new VideoStreamInfo("h264", "High", 1280, 720, 0, 25, "yuv420p"), null));

        assertThat(stored().durationSeconds()).isEqualTo(62);
    }

    @Test
    void aNewAttemptReplacesTheMessageAnEarlierOneLeft() {
        recorder.message(video, RetryPolicy.WAITING_FOR_SPACE);
        assertThat(stored().statusMessage()).isEqualTo(RetryPolicy.WAITING_FOR_SPACE);

        recorder.attemptStarted(stored());

        assertThat(stored().statusMessage()).isEqualTo(VideoState.PROCESSING.defaultMessage());
    }

    @Test
    void aFirstAttemptWritesNothing() {
        long version = stored().version();

        recorder.attemptStarted(stored());

        assertThat(stored().version()).isEqualTo(version);
    }

    @Test
    void aFailureEndsTheVideoWithItsMessage() {
        recorder.failed(video, "The uploaded file is not a video.");

        Video failed = stored();
        assertThat(failed.state()).isEqualTo(VideoState.FAILED);
        assertThat(failed.statusMessage()).isEqualTo("The uploaded file is not a video.");
    }

    private Video stored() {
        return videos.findAny(video).orElseThrow();
    }

    private UUID processingVideo() {
        OffsetDateTime created = Timestamps.now(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC));
        UUID account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", created));
        Video uploaded = new Video(UUID.randomUUID(), account, UUID.randomUUID() + ".mp4",
                new Video.VideoDetails("clip", "", List.of(), Map.of()), ContentProtection.NONE, Optional.empty(),
                InputEncryption.NONE, VideoState.CREATED, VideoState.CREATED.defaultMessage(), 0, false, 0, true,
                Publication.NONE, 1, created, created);
        videos.insert(uploaded);
        assertThat(videos.closeUpload(account, uploaded.id(), VideoState.PROCESSING.defaultMessage(), created)).isTrue();
        return uploaded.id();
    }
}
