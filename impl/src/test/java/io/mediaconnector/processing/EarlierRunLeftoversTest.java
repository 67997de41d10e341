package io.mediaconnector.processing;

import io.mediaconnector.account.Account;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.DatabaseJobQueue;
import io.mediaconnector.db.TestDatabase;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.encoding.FfmpegBinaries;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A restarted node removes what its killed predecessor left: processes, files, jobs; nothing of anyone else. */
class EarlierRunLeftoversTest {
    private static final String PREFIX = "worker-0123456789ab-";
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    private Database database;
    private DatabaseJobQueue queue;
    private VideoRepository videos;
    private Path work;
    private Path plaintext;
    private Path elsewhere;
    private final Clock clock = Clock.systemUTC();

    @BeforeEach
    void open() throws IOException {
        database = TestDatabase.open(TestDatabase.Engine.SQLITE, dir.resolve("data"));
        queue = new DatabaseJobQueue(database, clock);
        videos = new VideoRepository(database, Json.newMapper());
        work = Files.createDirectories(dir.resolve("data/work"));
        plaintext = Files.createDirectories(dir.resolve("plaintext/0123456789ab"));
        elsewhere = Files.createDirectories(dir.resolve("plaintext/ba9876543210"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theEarlierRunsEncodersFilesAndJobsAreGoneAndNothingElse() throws Exception {
        Files.createDirectories(work.resolve("job-1/out"));
        Files.writeString(work.resolve("job-1/out/segment.m4s"), "half written");
        Files.createDirectories(plaintext.resolve("job-1"));
        Files.writeString(plaintext.resolve("job-1/input.mp4"), "decrypted");
        Files.writeString(elsewhere.resolve("input.mp4"), "another node's plaintext");
        UUID account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", now()));
        queueVideo(account);
        queueVideo(account);
        EncodingJob abandoned = queue.claim(PREFIX + "0", LEASE).orElseThrow();
        EncodingJob othersJob = queue.claim("worker-ba9876543210-0", LEASE).orElseThrow();
        Process orphan = ffmpegWritingTo(work.resolve("job-1/out/video.nut"));
        Process othersEncoder = ffmpegWritingTo(elsewhere.resolve("video.nut"));
        try {
            new EarlierRunLeftovers(queue, PREFIX, List.of(work, plaintext)).remove();

            assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).as("the orphaned ffmpeg was stopped").isTrue();
            assertThat(othersEncoder.isAlive()).as("an ffmpeg working elsewhere").isTrue();
            assertThat(work).isEmptyDirectory();
            assertThat(plaintext).isEmptyDirectory();
            assertThat(elsewhere.resolve("input.mp4")).exists();
            assertThat(queue.claim("w", LEASE)).hasValueSatisfying(job -> assertThat(job.id()).isEqualTo(abandoned.id()));
            assertThat(queue.heartbeat(othersJob, "worker-ba9876543210-0", LEASE)).isTrue();
        } finally {
            orphan.destroyForcibly();
            othersEncoder.destroyForcibly();
        }
    }

    @Test
    void aFirstStartFindsNothingToRemove() {
        Path neverMade = dir.resolve("fresh/work");

        new EarlierRunLeftovers(queue, PREFIX, List.of(neverMade)).remove();

        assertThat(neverMade).doesNotExist();
    }

    /** An ffmpeg started without the parent-death signal, as on a machine without setpriv. */
    private static Process ffmpegWritingTo(Path output) throws IOException, InterruptedException {
        FfmpegBinaries binaries = FfmpegBinaries.bundled(Path.of("target/ffmpeg-cache").toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(binaries.ffmpeg().toString(), "-hide_banner", "-loglevel", "error",
                "-re", "-f", "lavfi", "-i", "testsrc2=s=160x120:d=60", "-f", "nut", output.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LD_LIBRARY_PATH", binaries.ffmpeg().getParent().toString());
        Process process = builder.start();
        while (!Files.exists(output)) {
            assertThat(process.isAlive()).as("ffmpeg writing " + output).isTrue();
            Thread.sleep(20);
        }
        return process;
    }

    private void queueVideo(UUID account) {
        Video video = new Video(UUID.randomUUID(), account, UUID.randomUUID() + ".mp4",
                new Video.VideoDetails("clip", "", List.of(), Map.of()), ContentProtection.NONE, Optional.empty(),
                InputEncryption.NONE, VideoState.CREATED, "Awaiting upload.", 0, false, 0, true, Publication.NONE, 1,
                now(), now());
        videos.insert(video);
        closeAndQueue(account, video.id(), UUID.randomUUID(), 3, now());
    }

    private OffsetDateTime now() {
        return io.mediaconnector.support.Timestamps.now(clock);
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
}
