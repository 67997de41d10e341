package io.mediaconnector.processing;

import io.mediaconnector.support.DiskFull;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.encoding.CancelHandle;
import io.mediaconnector.encoding.EncodingCancelledException;
import io.mediaconnector.encoding.EncodingListener;
import io.mediaconnector.encoding.EncodingPipeline;
import io.mediaconnector.encoding.EncodingResult;
import io.mediaconnector.encoding.ProbeResult;
import io.mediaconnector.encoding.UnsupportedMediaException;
import io.mediaconnector.storage.BlobRead;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoStore;
import io.mediaconnector.video.VideoState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one claimed encoding job: fetches the upload, runs the pipeline, publishes the preview
 * and then the final outputs, and settles the job. While it runs, a heartbeat renews the lease;
 * when that fails (the video was deleted, or the lease was lost) ffmpeg is killed.
 *
 * <p>Which attempts count against the job's limit: a failure of the input or the encode does;
 * an attempt interrupted by a graceful shutdown or by a full disk does not; an attempt whose node
 * died (its lease ran out) does, since nothing tells a crash of the node from an input that
 * crashes it, and the limit is what stops such an input.
 */
public final class EncodingWorker {
    private static final Logger LOG = LoggerFactory.getLogger(EncodingWorker.class);
    /** Status message of a video whose encode waits for space. */
    static final String WAITING_FOR_SPACE = "Waiting for disk space: disk full; encoding resumes when space is freed.";

    private final JobQueue queue;
    private final VideoStore videos;
    private final BlobStore store;
    private final EncodingPipeline pipeline;
    private final OutputPublisher publisher;
    private final ScheduledExecutorService heartbeats;
    private final Path workRoot;
    private final Duration lease;
    private final Duration heartbeat;
    private final Duration diskFullBackoff;
    private final Clock clock;
    private final Set<CancelHandle> running = ConcurrentHashMap.newKeySet();
    private final UploadDecryption uploadDecryption;
    private final OutputProtection protection;

    public EncodingWorker(JobQueue queue, VideoStore videos, BlobStore store, EncodingPipeline pipeline,
                          OutputPublisher publisher, ScheduledExecutorService heartbeats, Path workRoot,
                          Duration lease, Duration heartbeat, Duration diskFullBackoff, Clock clock,
                          UploadDecryption uploadDecryption, OutputProtection protection) {
        this.diskFullBackoff = diskFullBackoff;
        this.protection = protection;
        this.uploadDecryption = uploadDecryption;
        this.queue = queue;
        this.videos = videos;
        this.store = store;
        this.pipeline = pipeline;
        this.publisher = publisher;
        this.heartbeats = heartbeats;
        this.workRoot = workRoot;
        this.lease = lease;
        this.heartbeat = heartbeat;
        this.clock = clock;
    }

    /** Claims and runs one job if there is one; false when the queue had nothing to do. */
    public boolean runOne(String workerId, CancelHandle shutdown) {
        Optional<EncodingJob> claimed = queue.claim(workerId, lease);
        if (claimed.isEmpty()) {
            return false;
        }
        run(claimed.get(), workerId, shutdown);
        return true;
    }

    private void run(EncodingJob job, String workerId, CancelHandle shutdown) {
        Optional<Video> found = videos.findAny(job.videoId());
        if (found.isEmpty()) {
            queue.fail(job, workerId, "the video was deleted");
            return;
        }
        Video video = found.get();
        // What an earlier attempt of this job left, if its node died mid-publish; only the job's
        // current lease holder may touch its staging prefixes, so this is the place.
        discardStaging(video, job);
        if (job.attempt() > job.maxAttempts()) {
            // Claims beyond the limit happen only when a node died during the attempt (its lease
            // ran out, or it found its own job at its next start): a poison input that kills its
            // node ends here instead of killing nodes forever.
            fail(job, workerId, video, "Encoding was interrupted " + job.maxAttempts()
                    + " times (the node running it stopped without finishing it); giving up.");
            return;
        }
        LOG.info("encoding video {} (job {}, attempt {} of {})", video.id(), job.id(), job.attempt(), job.maxAttempts());
        if (!video.statusMessage().equals(VideoState.PROCESSING.defaultMessage())) {
            videos.recordStatusMessage(video.id(), VideoState.PROCESSING.defaultMessage(), now());
        }
        CancelHandle cancel = new CancelHandle();
        running.add(cancel);
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> {
            if (shutdown.isCancelled() || !queue.heartbeat(job, workerId, lease)) {
                cancel.cancel();
            }
        }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        Path work = workRoot.resolve(job.id().toString());
        Path inputDir = uploadDecryption.inputDirectory(video, work, job.id());
        try {
            Path input = fetchUpload(video, inputDir);
            pipeline.run(input, work.resolve("out"), protection.of(video), new Publishing(video, job.id()), cancel);
            queue.succeed(job, workerId);
            LOG.info("video {} completed", video.id());
        } catch (RuntimeException | IOException e) {
            settleFailure(job, workerId, video, e, shutdown.isCancelled());
        } finally {
            beat.cancel(false);
            running.remove(cancel);
            deleteTree(work);
            deleteTree(inputDir);
            discardStaging(video, job);
            cleanUpAfterDeletion(video);
        }
    }

    /**
     * Only failures that are the video's fault count: an attempt cut short by the node shutting
     * down (a deploy), or by a full disk, goes back to the queue as if it never ran.
     */
    private void settleFailure(EncodingJob job, String workerId, Video video, Exception e, boolean shuttingDown) {
        if (shuttingDown) {
            // Whatever the attempt died of, the node killed its ffmpeg: it was not the input.
            LOG.info("video {}: node shutting down; job {} goes back to the queue", video.id(), job.id());
            queue.putBackUncounted(job, workerId, "node shut down", Duration.ZERO);
        } else if (e instanceof EncodingCancelledException) {
            LOG.info("video {}: job {} cancelled (video deleted or lease lost)", video.id(), job.id());
        } else if (DiskFull.causedBy(e)) {
            // One line, no stack trace: this repeats while the disk stays full, on that very disk.
            LOG.warn("video {}: the disk is full; job {} waits {}s for space (attempt not counted): {}", video.id(),
                    job.id(), diskFullBackoff.toSeconds(), reason(e));
            videos.recordStatusMessage(video.id(), WAITING_FOR_SPACE, now());
            queue.putBackUncounted(job, workerId, "disk full: " + reason(e), diskFullBackoff);
        } else if (e instanceof UnsupportedMediaException) {
            fail(job, workerId, video, e.getMessage() + uploadDecryption.hint(video));
        } else {
            retryOrFail(job, workerId, video, e);
        }
    }

    /** Kills every encode this worker runs (the node is stopping; {@code shutdown} says so). */
    public void cancelRunning() {
        running.forEach(CancelHandle::cancel);
    }

    private Path fetchUpload(Video video, Path work) throws IOException {
        Files.createDirectories(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String name = video.storedFileName();
        Path input = work.resolve("input" + name.substring(name.lastIndexOf('.')));
        try (BlobRead read = store.openForRead(video.containerName(), name, Optional.empty());
             InputStream content = uploadDecryption.decrypting(video, read.content())) {
            Files.copy(content, input, StandardCopyOption.REPLACE_EXISTING);
        }
        return input;
    }

    private void retryOrFail(EncodingJob job, String workerId, Video video, Exception e) {
        String reason = reason(e);
        if (job.attempt() < job.maxAttempts()) {
            Duration delay = Duration.ofSeconds(5L << (job.attempt() - 1));
            LOG.warn("video {}: attempt {} failed, retrying in {}s", video.id(), job.attempt(), delay.toSeconds(), e);
            videos.recordStatusMessage(video.id(), "Processing hit an error and will be retried (attempt "
                    + job.attempt() + " of " + job.maxAttempts() + ").", now());
            queue.retryLater(job, workerId, reason, delay);
        } else {
            LOG.warn("video {}: attempt {} failed, giving up", video.id(), job.attempt(), e);
            fail(job, workerId, video, "Encoding failed after " + job.maxAttempts() + " attempts: " + reason);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void fail(EncodingJob job, String workerId, Video video, String message) {
        LOG.info("video {} failed: {}", video.id(), message);
        videos.fail(video.id(), message, now());
        queue.fail(job, workerId, message);
    }

    private void discardStaging(Video video, EncodingJob job) {
        try {
            publisher.discardStaging(video, job.id());
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the staged outputs of job {}", job.id(), e);
        }
    }

    /** A video deleted while it was encoding may have had outputs published after its container went. */
    private void cleanUpAfterDeletion(Video video) {
        try {
            if (videos.findAny(video.id()).isEmpty()) {
                store.deleteContainer(video.containerName());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the container of deleted video {}", video.id(), e);
        }
    }

    private OffsetDateTime now() {
        return Timestamps.now(clock);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove work directory {}", root, e);
        }
    }

    /** Carries the pipeline's news to the database and the blob store as it happens. */
    private final class Publishing implements EncodingListener {
        private final Video video;
        private final UUID jobId;
        private volatile int lastProgress = -1;
        private volatile long lastProgressAt;

        Publishing(Video video, UUID jobId) {
            this.video = video;
            this.jobId = jobId;
        }

        @Override
        public void onProbed(ProbeResult probe) {
            videos.recordDuration(video.id(), (int) Math.round(probe.durationSeconds()), now());
        }

        @Override
        public void onProgress(int percent) {
            long at = System.nanoTime();
            // One write per percent at most, and not more than twice a second.
            if (percent > lastProgress && (percent == 100 || at - lastProgressAt > 500_000_000L)) {
                lastProgress = percent;
                lastProgressAt = at;
                videos.recordProgress(video.id(), Math.min(percent, 99), now());
            }
        }

        @Override
        public void onPlayable(Path previewDir) {
            try {
                publisher.publishPreview(video, jobId, previewDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onCompleted(EncodingResult result) {
            try {
                publisher.publishFinal(videos.findAny(video.id()).orElse(video), jobId,
                        workRoot.resolve(jobId.toString()).resolve("out"), result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
