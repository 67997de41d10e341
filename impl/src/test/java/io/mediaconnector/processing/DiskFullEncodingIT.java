package io.mediaconnector.processing;

import io.mediaconnector.it.disk.SmallFilesystem;

import io.mediaconnector.account.Account;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.DatabaseJobQueue;
import io.mediaconnector.db.TestDatabase;
import io.mediaconnector.db.VideoKeyRepository;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.encoding.CancelHandle;
import io.mediaconnector.encoding.EncodingOptions;
import io.mediaconnector.encoding.EncodingPipeline;
import io.mediaconnector.encoding.FfmpegBinaries;
import io.mediaconnector.it.media.Clips;
import io.mediaconnector.protection.KeyVault;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.DiskSpace;
import io.mediaconnector.storage.filesystem.FileSystemBlobStore;
import io.mediaconnector.storage.WriteOptions;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker whose work directory is on a filesystem that really fills up (a small tmpfs): the
 * attempt goes back to the queue uncounted, the video says it waits for disk space, and once the
 * filesystem has room again the same job completes. Every job here allows one attempt only, so
 * a counted disk-full attempt would end the video Failed instead.
 */
@Tag("fulldisk")
class DiskFullEncodingIT {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final long ROOMY = 256L * 1024 * 1024;

    @TempDir
    Path dir;
    private Database database;
    private VideoRepository videos;
    private BlobStore store;
    private ScheduledExecutorService heartbeats;
    private EncodingWorker worker;
    private SmallFilesystem workDisk;
    private UUID account;
    private final Clock clock = Clock.systemUTC();

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.open(TestDatabase.Engine.SQLITE, dir.resolve("data"));
        videos = new VideoRepository(database, Json.newMapper());
        store = new FileSystemBlobStore(dir.resolve("data/blobs"), clock, new DiskSpace(dir, 0));
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", Timestamps.now(clock)));
    }

    @AfterEach
    void tearDown() throws Exception {
        heartbeats.shutdownNow();
        if (workDisk != null) {
            workDisk.close();
        }
        database.close();
    }

    @Test
    void anUploadThatDoesNotFitWaitsForSpaceThenCompletes() throws Exception {
        Path clip = Clips.landscapeH264();
        startWorkerWithWorkDisk(Files.size(clip) / 2);

        encodeUntilItCompletesOnceThereIsRoom(queuedVideo(clip));
    }

    @Test
    void anEncodeThatFillsTheDiskWaitsForSpaceThenCompletes() throws Exception {
        Path clip = Clips.landscapeH264();
        // Room for the upload, not for what ffmpeg writes next: the failure is ffmpeg's.
        startWorkerWithWorkDisk(Files.size(clip) + 64 * 1024);

        encodeUntilItCompletesOnceThereIsRoom(queuedVideo(clip));
    }

    private void encodeUntilItCompletesOnceThereIsRoom(UUID videoId) throws Exception {
        assertThat(worker.runOne("worker-0", new CancelHandle())).isTrue();

        Video waiting = videos.findAny(videoId).orElseThrow();
        assertThat(waiting.state()).isEqualTo(VideoState.PROCESSING);
        assertThat(waiting.statusMessage()).isEqualTo(RetryPolicy.WAITING_FOR_SPACE).contains("disk full");
        assertThat(attemptsCounted(videoId)).isZero();
        assertThat(workDisk.mountPoint()).isEmptyDirectory();
        assertThat(worker.runOne("worker-0", new CancelHandle())).as("waits for its backoff").isFalse();

        workDisk.resize(ROOMY);
        Instant deadline = Instant.now().plus(BACKOFF.multipliedBy(10));
        while (!worker.runOne("worker-0", new CancelHandle())) {
            assertThat(Instant.now()).as("the job came back after its backoff").isBefore(deadline);
            Thread.sleep(100);
        }

        Video done = videos.findAny(videoId).orElseThrow();
        assertThat(done.state()).as(done.statusMessage()).isEqualTo(VideoState.COMPLETED);
        assertThat(done.statusMessage()).isEqualTo(VideoState.COMPLETED.defaultMessage());
        assertThat(attemptsCounted(videoId)).isEqualTo(1);
        assertThat(store.listBlobs(done.containerName(), "outputs/final/")).isNotEmpty();
        assertThat(store.listBlobs(done.containerName(), "staging/")).isEmpty();
    }

    private void startWorkerWithWorkDisk(long bytes) throws Exception {
        workDisk = SmallFilesystem.mount(dir.resolve("work"), bytes);
        VideoKeys keys = new VideoKeys(new VideoKeyRepository(database), new KeyVault(new byte[32]), io.mediaconnector.support.Randomness.secure());
        worker = new EncodingWorker(new JobLeases(new DatabaseJobQueue(database, clock), heartbeats, LEASE,
                LEASE.dividedBy(3)), videos, store,
                new JobWorkspace(store, new UploadDecryption(keys, dir.resolve("plaintext")), workDisk.mountPoint()),
                new EncodingPipeline(FfmpegBinaries.bundled(Path.of("target/ffmpeg-cache").toAbsolutePath()),
                        EncodingOptions.defaults(), new Random(1)),
                new OutputProtection(keys, "http://localhost"),
                new OutputPublisher(store, videos, clock, Randomness.secure()),
                new ProgressRecorder(videos, clock, System::nanoTime), new RetryPolicy(BACKOFF));
    }

    /** A video whose upload is complete and whose one-attempt job is queued. */
    private UUID queuedVideo(Path clip) throws Exception {
        var now = Timestamps.now(clock);
        Video video = new Video(UUID.randomUUID(), account, UUID.randomUUID() + ".mp4",
                new Video.VideoDetails("clip", "", List.of(), Map.of()), ContentProtection.NONE, Optional.empty(),
                InputEncryption.NONE, VideoState.CREATED, VideoState.CREATED.defaultMessage(), 0, false, 0, true,
                Publication.NONE, 1, now, now);
        videos.insert(video);
        try (InputStream content = Files.newInputStream(clip)) {
            store.putBlob(video.containerName(), video.storedFileName(), content, WriteOptions.limitedTo(Long.MAX_VALUE));
        }
        assertThat(closeAndQueue(account, video.id(), UUID.randomUUID(), 1, now)).isTrue();
        return video.id();
    }

    private int attemptsCounted(UUID videoId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT attempts FROM encoding_jobs WHERE video_id = :video")
                .bind("video", videoId).mapTo(Integer.class).one());
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
