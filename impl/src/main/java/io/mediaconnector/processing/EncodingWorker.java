package io.mediaconnector.processing;

import io.mediaconnector.video.VideoStore;
import io.mediaconnector.encoding.CancelHandle;
import io.mediaconnector.encoding.EncodingListener;
import io.mediaconnector.encoding.EncodingPipeline;
import io.mediaconnector.encoding.EncodingResult;
import io.mediaconnector.encoding.ProbeResult;
import io.mediaconnector.processing.JobLeases.Lease;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.video.Video;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.IntConsumer;

/**
 * Runs one encoding job: claims it, fetches the upload, runs the pipeline, which publishes the
 * preview and then the final outputs as they are ready, and settles the job. While it runs, the
 * lease is renewed; when that fails (the video was deleted, or the lease was lost) ffmpeg is
 * killed. Which failed attempts count and what follows them is the {@link RetryPolicy}'s.
 */
public final class EncodingWorker {
    private static final Logger LOG = LoggerFactory.getLogger(EncodingWorker.class);

    private final JobLeases leases;
    private final VideoStore videos;
    private final BlobStore store;
    private final JobWorkspace workspace;
    private final EncodingPipeline pipeline;
    private final OutputProtection protection;
    private final OutputPublisher publisher;
    private final ProgressRecorder progress;
    private final RetryPolicy retries;
    private final Set<CancelHandle> running = ConcurrentHashMap.newKeySet();

    public EncodingWorker(JobLeases leases, VideoStore videos, BlobStore store, JobWorkspace workspace,
                          EncodingPipeline pipeline, OutputProtection protection, OutputPublisher publisher,
                          ProgressRecorder progress, RetryPolicy retries) {
        this.leases = leases;
        this.videos = videos;
        this.store = store;
        this.workspace = workspace;
        this.pipeline = pipeline;
        this.protection = protection;
        this.publisher = publisher;
        this.progress = progress;
        this.retries = retries;
    }

    /** Claims and runs one job if there is one; false when the queue had nothing to do. */
    public boolean runOne(String workerId, CancelHandle shutdown) {
        Optional<Lease> claimed = leases.claim(workerId);
        if (claimed.isEmpty()) {
            return false;
        }
        run(claimed.get(), shutdown);
        return true;
    }

    /** Kills every encode this worker runs (the node is stopping; {@code shutdown} says so). */
    public void cancelRunning() {
        running.forEach(CancelHandle::cancel);
    }

    private void run(Lease lease, CancelHandle shutdown) {
        EncodingJob job = lease.job();
        Optional<Video> found = videos.findAny(job.videoId());
        if (found.isEmpty()) {
            lease.fail("the video was deleted");
            return;
        }
        Video video = found.get();
        // What an earlier attempt of this job left, if its node died mid-publish; only the job's
        // current lease holder may touch its staging prefixes, so this is the place.
        discardStaging(video, job);
        Optional<String> interrupted = retries.interruptedTooOften(job);
        if (interrupted.isPresent()) {
            fail(lease, video, interrupted.get());
            return;
        }
        LOG.info("encoding video {} (job {}, attempt {} of {})", video.id(), job.id(), job.attempt(), job.maxAttempts());
        progress.attemptStarted(video);
        CancelHandle cancel = new CancelHandle();
        running.add(cancel);
        ScheduledFuture<?> renewal = lease.keepAlive(shutdown, cancel);
        try {
            Path input = workspace.fetchInput(job, video);
            pipeline.run(input, workspace.outputDirectory(job), protection.of(video), new Publishing(video, job), cancel);
            lease.succeed();
            LOG.info("video {} completed", video.id());
        } catch (RuntimeException | IOException e) {
            settle(lease, video, retries.afterFailure(job, e, shutdown.isCancelled(), workspace.failureHint(video)));
        } finally {
            renewal.cancel(false);
            running.remove(cancel);
            workspace.remove(job, video);
            discardStaging(video, job);
            cleanUpAfterDeletion(video);
        }
    }

    private void settle(Lease lease, Video video, RetryPolicy.Settlement settlement) {
        settlement.statusMessage().ifPresent(message -> progress.message(video.id(), message));
        switch (settlement.kind()) {
            case PUT_BACK_UNCOUNTED -> lease.putBackUncounted(settlement.reason(), settlement.delay());
            case RETRY_LATER -> lease.retryLater(settlement.reason(), settlement.delay());
            case FAIL -> fail(lease, video, settlement.reason());
            case NONE -> {
            }
        }
    }

    private void fail(Lease lease, Video video, String message) {
        LOG.info("video {} failed: {}", video.id(), message);
        progress.failed(video.id(), message);
        lease.fail(message);
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

    /** Carries the pipeline's news to the video's Status and to the blob store as it happens. */
    private final class Publishing implements EncodingListener {
        private final Video video;
        private final EncodingJob job;
        private final IntConsumer percent;

        Publishing(Video video, EncodingJob job) {
            this.video = video;
            this.job = job;
            this.percent = progress.progressOf(video.id());
        }

        @Override
        public void onProbed(ProbeResult probe) {
            progress.duration(video.id(), probe);
        }

        @Override
        public void onProgress(int overall) {
            percent.accept(overall);
        }

        @Override
        public void onPlayable(Path previewDir) {
            try {
                publisher.publishPreview(video, job.id(), previewDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onCompleted(EncodingResult result) {
            try {
                publisher.publishFinal(videos.findAny(video.id()).orElse(video), job.id(),
                        workspace.outputDirectory(job), result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
