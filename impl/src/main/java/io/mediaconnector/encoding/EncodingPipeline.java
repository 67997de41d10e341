package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a local video file to every output the service serves: probe, a preview that is playable
 * early, the adaptive ladder as CMAF with HLS and DASH manifests, Smooth Streaming, a progressive
 * MP4, a poster and thumbnails; or, for protected content, encrypted HLS and DASH and the pictures.
 * See {@link EncodingLayout} for the files written.
 *
 * <p>Video is encoded twice at most: the preview (only when the source cannot be stream-copied)
 * and the ladder, once, into an intermediate MP4 under {@code .staging}. Every output set is
 * packaged from it by stream copy (see {@link Packaging}, the one difference between a clear run
 * and a protected one), and the pictures are taken from it; these run in parallel
 * ({@value #PARALLEL_PROCESSES} processes at a time).
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

    /** Every top-level folder any run writes: a run removes those an earlier run left that it does not write. */
    private static final List<String> OUTPUT_DIRS = List.of(EncodingLayout.PREVIEW_DIR, EncodingLayout.CMAF_DIR,
            EncodingLayout.SMOOTH_DIR, EncodingLayout.PROGRESSIVE_DIR, EncodingLayout.HLS_DIR, EncodingLayout.DASH_DIR,
            EncodingLayout.THUMBNAILS_DIR);

    private final Prober prober;
    private final LadderPlanner planner;
    private final CmafPackager cmaf;
    private final ThumbnailExtractor thumbnails;
    private final HlsAes128Encryptor hlsEncryptor;
    private final ClearPackaging clear;
    private final EncodingOptions options;

    /**
     * @param random the source of the AES-128 HLS segments' IVs: a {@link java.security.SecureRandom}
     *               outside tests, since CBC needs unpredictable IVs
     */
    public EncodingPipeline(FfmpegBinaries binaries, EncodingOptions options, RandomGenerator random) {
        this(new ProcessRunner(binaries), options, random);
    }

    /** For benchmarks: {@code observer} hears of every ffmpeg/ffprobe run (command line, start, end). */
    EncodingPipeline(FfmpegBinaries binaries, EncodingOptions options, RandomGenerator random,
                     Consumer<ProcessRunner.Invocation> observer) {
        this(new ProcessRunner(binaries, observer), options, random);
    }

    private EncodingPipeline(ProcessRunner runner, EncodingOptions options, RandomGenerator random) {
        this.prober = new Prober(runner, options.probeTimeout());
        this.planner = new LadderPlanner();
        this.cmaf = new CmafPackager(runner);
        this.thumbnails = new ThumbnailExtractor(runner);
        this.hlsEncryptor = new HlsAes128Encryptor(random);
        this.clear = new ClearPackaging(cmaf, new SmoothStreamingPackager(runner), new ProgressiveEncoder(runner),
                planner);
        this.options = options;
    }

    /**
     * Encodes {@code input} into {@code outputDir}: a preview, announced by {@link
     * EncodingListener#onPlayable} as soon as it is in place, then the ladder as CMAF, Smooth
     * Streaming, a progressive MP4 and the pictures.
     *
     * @throws UnsupportedMediaException  the input is not a video that can be encoded
     * @throws EncodingCancelledException {@code cancel} was cancelled
     * @throws EncodingTimeoutException   an ffmpeg run exceeded its time limit
     * @throws EncodingException          any other failure; its message is fit for a person
     */
    public EncodingResult run(Path input, Path outputDir, EncodingListener listener, CancelHandle cancel) {
        return run(input, outputDir, clear, listener, cancel);
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
     * true). The clear intermediates live under {@code .staging}, which is deleted when any run
     * ends, whether it succeeds or fails.
     *
     * @throws UnsupportedMediaException  the input is not a video that can be encoded
     * @throws EncodingCancelledException {@code cancel} was cancelled
     * @throws EncodingTimeoutException   an ffmpeg run exceeded its time limit
     * @throws EncodingException          any other failure; its message is fit for a person
     */
    public EncodingResult run(Path input, Path outputDir, ContentProtection protection, EncodingListener listener,
                              CancelHandle cancel) {
        Packaging packaging = protection == null ? clear : new ProtectedPackaging(cmaf, hlsEncryptor, protection);
        return run(input, outputDir, packaging, listener, cancel);
    }

    private EncodingResult run(Path input, Path outputDir, Packaging packaging, EncodingListener listener,
                               CancelHandle cancel) {
        OutputStaging staging = new OutputStaging(outputDir);
        staging.prepare();
        try {
            removeOutputsNotWrittenBy(packaging, staging);
            return encode(input, outputDir, packaging, staging, listener, cancel);
        } catch (RuntimeException | Error e) {
            // the intermediate MP4 (and, for protected content, the clear segments) is under .staging:
            // none of it may stay behind
            try {
                staging.finish();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private EncodingResult encode(Path input, Path outputDir, Packaging packaging, OutputStaging staging,
                                  EncodingListener listener, CancelHandle cancel) {
        long started = System.nanoTime();
        Progress progress = new Progress(listener);

        Plan plan = plan(input, listener, cancel);
        ProbeResult probe = plan.probe();
        VideoStreamInfo video = probe.video();
        LOG.info("Encoding {}{}: {} s, {}x{} {} rotation {}, audio {}, ladder {}", input.getFileName(),
                packaging.logDescription(), probe.durationSeconds(), video.width(), video.height(), video.codec(),
                video.rotation(), probe.audioStream().map(AudioStreamInfo::codec).orElse("none"),
                plan.ladder().stream().map(Rendition::name).toList());

        Path work = staging.begin(LADDER_WORK_DIR);
        PreviewMode previewMode = null;
        if (packaging.previewFirst()) {
            previewMode = preview(input, plan, staging, work, cancel, progress.step(PREVIEW_WEIGHT));
            listener.onPlayable(outputDir.resolve(EncodingLayout.PREVIEW_DIR));
            logStep("preview (" + previewMode + ")", started);
        }
        // without a preview, the ladder's step takes the preview's share of the percentage too
        IntConsumer ladderPercent = progress.step(previewMode == null ? PREVIEW_WEIGHT + LADDER_WEIGHT : LADDER_WEIGHT);
        EncodedLadder ladder = new EncodedLadder(encodeLadder(input, plan, previewMode, work, cancel, ladderPercent),
                probe, plan.ladder(), plan.timeout(), cancel);
        logStep("ladder", started);

        Pictures pictures = packageAndPublish(ladder, packaging.outputSets(), staging, progress.step(PACKAGING_WEIGHT));
        staging.finish();
        progress.complete();
        logStep("packaging " + packaging.outputSets().stream().map(Packaging.OutputSet::dir).toList()
                + " and thumbnails", started);

        EncodingResult result = packaging.result(ladder, previewMode, pictures.poster(), pictures.thumbnails());
        listener.onCompleted(result);
        return result;
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

    /** A clear run of a directory a protected run wrote before, or the other way round, leaves only its own sets. */
    private static void removeOutputsNotWrittenBy(Packaging packaging, OutputStaging staging) {
        List<String> written = new ArrayList<>(List.of(EncodingLayout.THUMBNAILS_DIR));
        if (packaging.previewFirst()) {
            written.add(EncodingLayout.PREVIEW_DIR);
        }
        packaging.outputSets().forEach(set -> written.add(set.dir()));
        for (String dir : OUTPUT_DIRS) {
            if (!written.contains(dir)) {
                staging.remove(dir);
            }
        }
    }

    /** Stream copy when the source plays in browsers as it is; the smallest rendition otherwise. */
    private PreviewMode preview(Path input, Plan plan, OutputStaging staging, Path work, CancelHandle cancel,
                                IntConsumer percent) {
        ProbeResult probe = plan.probe();
        if (probe.isWebPlayable()) {
            Path copyDir = staging.begin(EncodingLayout.PREVIEW_DIR);
            double copied = cmaf.streamCopy(input, probe, copyDir, plan.timeout(), cancel);
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
        Path lowest = work.resolve(LOWEST_RENDITION_FILE);
        Path encodeDir = staging.begin(EncodingLayout.PREVIEW_DIR);
        requireWhole(probe, cmaf.encodeLadder(input, probe, List.of(planner.lowest(plan.ladder())), lowest,
                plan.timeout(), cancel, percent));
        cmaf.packageLadder(lowest, probe, encodeDir, plan.timeout(), cancel);
        staging.publish(encodeDir, EncodingLayout.PREVIEW_DIR);
        return PreviewMode.LOWEST_RENDITION;
    }

    /** Encodes the ladder into one intermediate MP4, reusing the preview's lowest rendition when there is one. */
    private Path encodeLadder(Path input, Plan plan, PreviewMode previewMode, Path work, CancelHandle cancel,
                              IntConsumer percent) {
        ProbeResult probe = plan.probe();
        List<Rendition> ladder = plan.ladder();
        if (previewMode != PreviewMode.LOWEST_RENDITION) {
            Path intermediate = work.resolve(LADDER_INTERMEDIATE);
            requireWhole(probe, cmaf.encodeLadder(input, probe, ladder, intermediate, plan.timeout(), cancel, percent));
            return intermediate;
        }
        Path lowest = work.resolve(LOWEST_RENDITION_FILE);
        if (ladder.size() == 1) {
            return lowest;
        }
        // the preview already encoded the lowest rendition and the audio: only the rest is left
        Path upper = work.resolve(UPPER_RENDITIONS_FILE);
        Path intermediate = work.resolve(LADDER_INTERMEDIATE);
        requireWhole(probe, cmaf.encodeLadderVideo(input, probe, ladder.subList(0, ladder.size() - 1), upper,
                plan.timeout(), cancel, percent));
        cmaf.merge(upper, lowest, probe, intermediate, plan.timeout(), cancel);
        return intermediate;
    }

    private record Pictures(Thumbnail poster, List<Thumbnail> thumbnails) {
    }

    /**
     * Packages every set from the ladder, each on its own thread and written through to disk when
     * done, while this thread takes the pictures; then moves them all into place.
     */
    private Pictures packageAndPublish(EncodedLadder ladder, List<Packaging.OutputSet> sets, OutputStaging staging,
                                       IntConsumer percent) {
        List<Path> stagedDirs = sets.stream().map(set -> staging.begin(set.dir())).toList();
        Path thumbnailDir = staging.begin(EncodingLayout.THUMBNAILS_DIR);
        int parts = sets.size() + 1;
        AtomicInteger done = new AtomicInteger();
        Runnable onePartDone = () -> percent.accept(done.incrementAndGet() * 100 / parts);
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_PROCESSES, daemonThreads());
        Pictures pictures = null;
        try {
            List<CompletableFuture<Void>> packages = new ArrayList<>();
            for (int i = 0; i < sets.size(); i++) {
                Packaging.OutputSet set = sets.get(i);
                Path dir = stagedDirs.get(i);
                packages.add(CompletableFuture.runAsync(() -> {
                    set.writer().write(ladder, dir);
                    staging.flush(dir); // to disk while the thumbnails are taken
                    onePartDone.run();
                }, executor));
            }
            RuntimeException failure = null;
            try {
                pictures = new Pictures(poster(ladder, thumbnailDir, executor), stills(ladder, thumbnailDir, executor));
                onePartDone.run();
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
        for (int i = 0; i < sets.size(); i++) {
            staging.publish(stagedDirs.get(i), sets.get(i).dir());
        }
        staging.publish(thumbnailDir, EncodingLayout.THUMBNAILS_DIR);
        return pictures;
    }

    /**
     * The poster, from the ladder rather than the source: keyframes every 2 s make each seek cheap
     * whatever the source's GOP, and a small rendition is cheap to decode.
     */
    private Thumbnail poster(EncodedLadder ladder, Path thumbnailDir, ExecutorService executor) {
        return thumbnails.poster(ladder.intermediate(),
                ThumbnailExtractor.renditionFor(ladder.renditions(), ladder.probe(), options.posterMaxHeight()),
                ladder.probe(), options.posterMaxHeight(), thumbnailDir, EncodingLayout.THUMBNAILS_DIR,
                ladder.timeout(), ladder.cancel(), executor);
    }

    /** The evenly spaced thumbnails, from the ladder like the poster. */
    private List<Thumbnail> stills(EncodedLadder ladder, Path thumbnailDir, ExecutorService executor) {
        return thumbnails.thumbnails(ladder.intermediate(),
                ThumbnailExtractor.renditionFor(ladder.renditions(), ladder.probe(), options.thumbnailMaxHeight()),
                ladder.probe(), options.thumbnailCount(), options.thumbnailMaxHeight(), thumbnailDir,
                EncodingLayout.THUMBNAILS_DIR, ladder.timeout(), ladder.cancel(), executor);
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

    /** nanoTime measures the step for the log only; it is no timestamp anyone stores. */
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
