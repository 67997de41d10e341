package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a local video file to every output the service serves: probe, a preview that is playable
 * early, the adaptive ladder as CMAF with HLS and DASH manifests, Smooth Streaming, a progressive
 * MP4, a poster and thumbnails. See {@link EncodingLayout} for the files written.
 *
 * <p>Video is encoded twice at most: the preview (only when the source cannot be stream-copied)
 * and the ladder, once, into an intermediate MP4 under {@code .staging}. CMAF (HLS + DASH), Smooth
 * Streaming and the progressive MP4 are stream copies of it, and the pictures are taken from it;
 * these run in parallel ({@value #PARALLEL_PROCESSES} processes at a time).
 *
 * <p>Knows nothing about storage or databases: the caller passes a local input and a local
 * output directory, and publishes folders as the callbacks announce them. One instance may run
 * several videos at once (each run has its own output directory).
 */
public final class EncodingPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(EncodingPipeline.class);

    /** Share of the overall percentage each step takes, in order; they add up to 100. */
    private static final int PREVIEW_WEIGHT = 8;
    private static final int LADDER_WEIGHT = 84;
    private static final int PACKAGING_WEIGHT = 8;

    /**
     * ffmpeg processes at once after the ladder: the stream-copy packaging runs (mostly I/O) and
     * the short thumbnail runs. Package-private: the benchmark replays the same command lines with
     * the same parallelism.
     */
    static final int PARALLEL_PROCESSES = 3;
    static final String LADDER_WORK_DIR = "ladder";
    static final String LADDER_INTERMEDIATE = "ladder.mp4";
    static final String LOWEST_RENDITION_FILE = "lowest.mp4";
    static final String UPPER_RENDITIONS_FILE = "upper.mp4";

    private final Prober prober;
    private final LadderPlanner planner;
    private final CmafPackager cmaf;
    private final SmoothStreamingPackager smooth;
    private final ProgressiveEncoder progressive;
    private final ThumbnailExtractor thumbnails;
    private final HlsAes128Encryptor hlsEncryptor;
    private final EncodingOptions options;

    public EncodingPipeline(FfmpegBinaries binaries, EncodingOptions options) {
        this(new ProcessRunner(binaries), options);
    }

    /** For benchmarks: {@code observer} hears of every ffmpeg/ffprobe run (command line, start, end). */
    EncodingPipeline(FfmpegBinaries binaries, EncodingOptions options,
                     java.util.function.Consumer<ProcessRunner.Invocation> observer) {
        this(new ProcessRunner(binaries, observer), options);
    }

    private EncodingPipeline(ProcessRunner runner, EncodingOptions options) {
        this.prober = new Prober(runner, options.probeTimeout());
        this.planner = new LadderPlanner();
        this.cmaf = new CmafPackager(runner);
        this.smooth = new SmoothStreamingPackager(runner);
        this.progressive = new ProgressiveEncoder(runner);
        this.thumbnails = new ThumbnailExtractor(runner);
        this.hlsEncryptor = new HlsAes128Encryptor(new java.security.SecureRandom());
        this.options = options;
    }

    /**
     * Encodes {@code input} into {@code outputDir}.
     *
     * @throws UnsupportedMediaException  the input is not a video that can be encoded
     * @throws EncodingCancelledException {@code cancel} was cancelled
     * @throws EncodingTimeoutException   an ffmpeg run exceeded its time limit
     * @throws EncodingException          any other failure; its message is fit for a person
     */
    public EncodingResult run(Path input, Path outputDir, EncodingListener listener, CancelHandle cancel) {
        long started = System.nanoTime();
        OutputStaging staging = new OutputStaging(outputDir);
        staging.prepare();
        Progress progress = new Progress(listener);

        Plan plan = plan(input, listener, cancel);
        ProbeResult probe = plan.probe();
        VideoStreamInfo video = probe.video();
        List<Rendition> ladder = plan.ladder();
        Duration timeout = plan.timeout();
        LOG.info("Encoding {}: {} s, {}x{} {} rotation {}, audio {}, ladder {}", input.getFileName(),
                probe.durationSeconds(), video.width(), video.height(), video.codec(), video.rotation(),
                probe.audioStream().map(AudioStreamInfo::codec).orElse("none"),
                ladder.stream().map(Rendition::name).toList());

        Path work = staging.begin(LADDER_WORK_DIR);
        Path lowest = work.resolve(LOWEST_RENDITION_FILE);
        PreviewMode previewMode = preview(input, probe, ladder, staging, lowest, timeout, cancel,
                progress.step(PREVIEW_WEIGHT));
        listener.onPlayable(outputDir.resolve(EncodingLayout.PREVIEW_DIR));
        logStep("preview (" + previewMode + ")", started);

        // the ladder is encoded once, into an intermediate MP4 ...
        Path intermediate = ladder.size() == 1 && previewMode == PreviewMode.LOWEST_RENDITION
                ? lowest : work.resolve(LADDER_INTERMEDIATE);
        IntConsumer ladderPercent = progress.step(LADDER_WEIGHT);
        if (previewMode != PreviewMode.LOWEST_RENDITION) {
            requireWhole(probe, cmaf.encodeLadder(input, probe, ladder, intermediate, timeout, cancel, ladderPercent));
        } else if (ladder.size() > 1) {
            // ... the preview already encoded the lowest rendition and the audio: only the rest is left
            Path upper = work.resolve(UPPER_RENDITIONS_FILE);
            requireWhole(probe, cmaf.encodeLadderVideo(input, probe, ladder.subList(0, ladder.size() - 1), upper,
                    timeout, cancel, ladderPercent));
            cmaf.merge(upper, lowest, probe, intermediate, timeout, cancel);
        }
        logStep("ladder", started);

        // ... and every output is packaged from it by stream copy, in parallel with the thumbnails
        Rendition progressiveRendition = planner.middle(ladder);
        int progressiveIndex = ladder.indexOf(progressiveRendition);
        Path cmafDir = staging.begin(EncodingLayout.CMAF_DIR);
        Path smoothDir = staging.begin(EncodingLayout.SMOOTH_DIR);
        Path progressiveDir = staging.begin(EncodingLayout.PROGRESSIVE_DIR);
        Path thumbnailDir = staging.begin(EncodingLayout.THUMBNAILS_DIR);
        IntConsumer packagingPercent = progress.step(PACKAGING_WEIGHT);
        AtomicInteger packaged = new AtomicInteger();
        Runnable onePackaged = () -> packagingPercent.accept(packaged.incrementAndGet() * 100 / 4);
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_PROCESSES, daemonThreads());
        Thumbnail poster;
        List<Thumbnail> stills;
        try {
            List<CompletableFuture<Void>> packages = List.of(
                    CompletableFuture.runAsync(() -> {
                        cmaf.packageLadder(intermediate, probe, cmafDir, timeout, cancel);
                        staging.flush(cmafDir); // to disk while the thumbnails are taken
                        onePackaged.run();
                    }, executor),
                    CompletableFuture.runAsync(() -> {
                        smooth.packageLadder(intermediate, probe, smoothDir, timeout, cancel);
                        staging.flush(smoothDir);
                        onePackaged.run();
                    }, executor),
                    CompletableFuture.runAsync(() -> {
                        progressive.remux(intermediate, probe, progressiveIndex,
                                progressiveDir.resolve(EncodingLayout.PROGRESSIVE_MP4), timeout, cancel);
                        staging.flush(progressiveDir);
                        onePackaged.run();
                    }, executor));
            RuntimeException thumbnailFailure = null;
            Thumbnail chosenPoster = null;
            List<Thumbnail> chosenStills = List.of();
            try {
                chosenPoster = poster(intermediate, ladder, probe, thumbnailDir, timeout, cancel, executor);
                chosenStills = stills(intermediate, ladder, probe, thumbnailDir, timeout, cancel, executor);
                onePackaged.run();
            } catch (RuntimeException e) {
                thumbnailFailure = e;
            }
            for (CompletableFuture<Void> p : packages) {
                ThumbnailExtractor.join(p);
            }
            if (thumbnailFailure != null) {
                throw thumbnailFailure;
            }
            poster = chosenPoster;
            stills = chosenStills;
        } finally {
            executor.shutdownNow();
        }
        staging.publish(cmafDir, EncodingLayout.CMAF_DIR);
        staging.publish(smoothDir, EncodingLayout.SMOOTH_DIR);
        staging.publish(progressiveDir, EncodingLayout.PROGRESSIVE_DIR);
        staging.publish(thumbnailDir, EncodingLayout.THUMBNAILS_DIR);
        staging.finish();
        progress.complete();
        logStep("packaging, smooth streaming, progressive mp4, thumbnails", started);

        EncodingResult result = new EncodingResult(probe, previewMode,
                EncodingLayout.PREVIEW_DIR + "/" + EncodingLayout.HLS_MASTER,
                EncodingLayout.PREVIEW_DIR + "/" + EncodingLayout.DASH_MANIFEST,
                ladder,
                EncodingLayout.CMAF_DIR + "/" + EncodingLayout.HLS_MASTER,
                EncodingLayout.CMAF_DIR + "/" + EncodingLayout.DASH_MANIFEST,
                EncodingLayout.SMOOTH_DIR + "/" + EncodingLayout.SMOOTH_MANIFEST,
                EncodingLayout.PROGRESSIVE_DIR + "/" + EncodingLayout.PROGRESSIVE_MP4,
                progressiveRendition, poster, stills);
        listener.onCompleted(result);
        return result;
    }

    /**
     * Encodes {@code input} into {@code outputDir} like {@link #run(Path, Path, EncodingListener, CancelHandle)},
     * or, when {@code protection} is not {@code null}, into encrypted adaptive streams only:
     * {@code hls/} (CMAF HLS, every media segment AES-128-CBC under {@code protection}'s key, init
     * segments clear, {@code #EXT-X-KEY} pointing at {@link ContentProtection#hlsKeyUri()} with an
     * explicit IV per segment), {@code dash/} (CMAF DASH, CENC {@code cenc-aes-ctr}, ClearKey
     * {@code ContentProtection} in the MPD) and {@code thumbnails/} (pictures are not protected).
     *
     * <p>A protected run writes no preview, no clear CMAF, no Smooth Streaming and no progressive
     * MP4, and removes those folders if an earlier run of {@code outputDir} left them. It never calls
     * {@link EncodingListener#onPlayable}: the video is playable only once {@link
     * EncodingListener#onCompleted} has been called (the result has {@code contentProtected()}
     * true). The clear intermediates live under {@code .staging} and are deleted when the run ends,
     * whether it succeeds or fails.
     *
     * @throws UnsupportedMediaException  the input is not a video that can be encoded
     * @throws EncodingCancelledException {@code cancel} was cancelled
     * @throws EncodingTimeoutException   an ffmpeg run exceeded its time limit
     * @throws EncodingException          any other failure; its message is fit for a person
     */
    public EncodingResult run(Path input, Path outputDir, ContentProtection protection, EncodingListener listener,
                              CancelHandle cancel) {
        if (protection == null) {
            return run(input, outputDir, listener, cancel);
        }
        OutputStaging staging = new OutputStaging(outputDir);
        staging.prepare();
        try {
            for (String clear : List.of(EncodingLayout.PREVIEW_DIR, EncodingLayout.CMAF_DIR, EncodingLayout.SMOOTH_DIR,
                    EncodingLayout.PROGRESSIVE_DIR)) {
                staging.remove(clear);
            }
            return runProtected(input, outputDir, protection, staging, listener, cancel);
        } catch (RuntimeException | Error e) {
            // the intermediate MP4 and the clear CMAF segments are under .staging: none may stay behind
            try {
                staging.finish();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** What every run starts with: the probed input, its ladder and the time each ffmpeg run may take. */
    private record Plan(ProbeResult probe, List<Rendition> ladder, Duration timeout) {
    }

    private Plan plan(Path input, EncodingListener listener, CancelHandle cancel) {
        ProbeResult probe = prober.probe(input, cancel);
        listener.onProbed(probe);
        return new Plan(probe, planner.plan(probe.video().displayWidth(), probe.video().displayHeight()),
                options.processTimeout(probe.durationSeconds()));
    }

    private EncodingResult runProtected(Path input, Path outputDir, ContentProtection protection, OutputStaging staging,
                                        EncodingListener listener, CancelHandle cancel) {
        long started = System.nanoTime();
        Progress progress = new Progress(listener);

        Plan plan = plan(input, listener, cancel);
        ProbeResult probe = plan.probe();
        VideoStreamInfo video = probe.video();
        List<Rendition> ladder = plan.ladder();
        Duration timeout = plan.timeout();
        LOG.info("Encoding {} with content protection (key ID {}): {} s, {}x{} {}, ladder {}", input.getFileName(),
                protection.keyId(), probe.durationSeconds(), video.width(), video.height(), video.codec(),
                ladder.stream().map(Rendition::name).toList());

        Path work = staging.begin(LADDER_WORK_DIR);
        Path intermediate = work.resolve(LADDER_INTERMEDIATE);
        requireWhole(probe, cmaf.encodeLadder(input, probe, ladder, intermediate, timeout, cancel,
                progress.step(PREVIEW_WEIGHT + LADDER_WEIGHT)));
        logStep("ladder", started);

        Path hlsDir = staging.begin(EncodingLayout.HLS_DIR);
        Path dashDir = staging.begin(EncodingLayout.DASH_DIR);
        Path thumbnailDir = staging.begin(EncodingLayout.THUMBNAILS_DIR);
        IntConsumer packagingPercent = progress.step(PACKAGING_WEIGHT);
        AtomicInteger packaged = new AtomicInteger();
        Runnable onePackaged = () -> packagingPercent.accept(packaged.incrementAndGet() * 100 / 3);
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_PROCESSES, daemonThreads());
        Thumbnail poster = null;
        List<Thumbnail> stills = List.of();
        try {
            List<CompletableFuture<Void>> packages = List.of(
                    CompletableFuture.runAsync(() -> {
                        cmaf.packageLadder(intermediate, probe, hlsDir, timeout, cancel);
                        cancel.throwIfCancelled();
                        hlsEncryptor.encrypt(hlsDir, protection);
                        onePackaged.run();
                    }, executor),
                    CompletableFuture.runAsync(() -> {
                        cmaf.packageLadderCenc(intermediate, probe, protection, dashDir, timeout, cancel);
                        DashContentProtection.patch(dashDir.resolve(EncodingLayout.DASH_MANIFEST), protection);
                        onePackaged.run();
                    }, executor));
            RuntimeException failure = null;
            try {
                poster = poster(intermediate, ladder, probe, thumbnailDir, timeout, cancel, executor);
                stills = stills(intermediate, ladder, probe, thumbnailDir, timeout, cancel, executor);
                onePackaged.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            // wait for every package, even after a failure, so nothing still writes when staging is deleted
            for (CompletableFuture<Void> p : packages) {
                try {
                    ThumbnailExtractor.join(p);
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else if (failure != e) {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            executor.shutdownNow();
        }
        staging.publish(hlsDir, EncodingLayout.HLS_DIR);
        staging.publish(dashDir, EncodingLayout.DASH_DIR);
        staging.publish(thumbnailDir, EncodingLayout.THUMBNAILS_DIR);
        staging.finish();
        progress.complete();
        logStep("encrypted HLS, encrypted DASH, thumbnails", started);

        EncodingResult result = EncodingResult.contentProtected(probe, ladder,
                EncodingLayout.HLS_DIR + "/" + EncodingLayout.HLS_MASTER,
                EncodingLayout.DASH_DIR + "/" + EncodingLayout.DASH_MANIFEST,
                poster, stills);
        listener.onCompleted(result);
        return result;
    }

    /** Stream copy when the source plays in browsers as it is; the smallest rendition otherwise. */
    /**
     * The poster, from the ladder rather than the source: keyframes every 2 s make each seek cheap
     * whatever the source's GOP, and a small rendition is cheap to decode.
     */
    private Thumbnail poster(Path intermediate, List<Rendition> ladder, ProbeResult probe, Path thumbnailDir,
                             Duration timeout, CancelHandle cancel, ExecutorService executor) {
        return thumbnails.poster(intermediate, ThumbnailExtractor.renditionFor(ladder, probe, options.posterMaxHeight()),
                probe, options.posterMaxHeight(), thumbnailDir, EncodingLayout.THUMBNAILS_DIR, timeout, cancel, executor);
    }

    /** The evenly spaced thumbnails, from the ladder like the poster. */
    private List<Thumbnail> stills(Path intermediate, List<Rendition> ladder, ProbeResult probe, Path thumbnailDir,
                                   Duration timeout, CancelHandle cancel, ExecutorService executor) {
        return thumbnails.thumbnails(intermediate,
                ThumbnailExtractor.renditionFor(ladder, probe, options.thumbnailMaxHeight()), probe,
                options.thumbnailCount(), options.thumbnailMaxHeight(), thumbnailDir, EncodingLayout.THUMBNAILS_DIR,
                timeout, cancel, executor);
    }

    private PreviewMode preview(Path input, ProbeResult probe, List<Rendition> ladder, OutputStaging staging,
                                Path lowest, Duration timeout, CancelHandle cancel, IntConsumer percent) {
        if (probe.isWebPlayable()) {
            Path copyDir = staging.begin(EncodingLayout.PREVIEW_DIR);
            double copied = cmaf.streamCopy(input, probe, copyDir, timeout, cancel);
            if (copied >= 0) {
                requireWhole(probe, copied);
                staging.publish(copyDir, EncodingLayout.PREVIEW_DIR);
                percent.accept(100);
                return PreviewMode.STREAM_COPY;
            }
            LOG.warn("Stream copy of {} failed; encoding the preview instead", input.getFileName());
            staging.discard(copyDir);
        }
        // The lowest rendition with the audio, into an MP4 the ladder reuses, then packaged from it.
        Path encodeDir = staging.begin(EncodingLayout.PREVIEW_DIR);
        requireWhole(probe, cmaf.encodeLadder(input, probe, List.of(planner.lowest(ladder)), lowest, timeout, cancel,
                percent));
        cmaf.packageLadder(lowest, probe, encodeDir, timeout, cancel);
        staging.publish(encodeDir, EncodingLayout.PREVIEW_DIR);
        return PreviewMode.LOWEST_RENDITION;
    }

    /**
     * A file cut short after its index (a "faststart" MP4 whose upload broke off) probes with its
     * full duration but decodes only in part, and ffmpeg still exits with 0: compare what was written
     * with what the file announced.
     */
    static void requireWhole(ProbeResult probe, double encodedSeconds) {
        double tolerance = Math.max(1.0, probe.durationSeconds() * 0.02);
        if (encodedSeconds < probe.durationSeconds() - tolerance) {
            throw new UnsupportedMediaException(String.format(java.util.Locale.ROOT,
                    "The uploaded file is incomplete or damaged: only %.1f s of its %.1f s could be decoded",
                    encodedSeconds, probe.durationSeconds()));
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "encoding-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void logStep(String step, long startedNanos) {
        LOG.info("Encoding step {} done after {} ms", step, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** Maps each step's own 0..100 onto its share of the overall percentage; reports only increases. */
    private static final class Progress {

        private final EncodingListener listener;
        private int base;
        private int reported = -1;

        Progress(EncodingListener listener) {
            this.listener = listener;
        }

        IntConsumer step(int weight) {
            int stepBase = base;
            base += weight;
            return percent -> report(stepBase + weight * Math.max(0, Math.min(100, percent)) / 100);
        }

        void complete() {
            report(100);
        }

        private synchronized void report(int overall) {
            int clamped = Math.min(100, overall);
            if (clamped > reported) {
                reported = clamped;
                listener.onProgress(clamped);
            }
        }
    }
}
