package io.mediaconnector.encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Speed of {@link EncodingPipeline} against the targets (2 cores): first playable within
 * 0.1 x duration for an H.264/AAC source and 0.25 x for others, everything within 0.5 x.
 *
 * <p>Generates once (under {@code target/bench-clips}) a 1280x720 H.264/AAC clip and a 1280x720
 * MPEG-4 Part 2/MP3 AVI clip, runs the pipeline on each, then runs the very same ffmpeg/ffprobe
 * command lines directly through {@link ProcessBuilder} (same order, same parallelism) so the
 * pipeline's own overhead shows as the ratio pipeline / direct.
 *
 * <pre>
 * mvn -o -q test-compile exec:java                       # 60 s clips, 1 round
 * mvn -o -q test-compile exec:java -Dbench.seconds=20 -Dbench.rounds=3
 * </pre>
 * Not a JUnit test (it takes minutes): it is a {@code main}.
 */
public final class EncodingBenchmark {

    private EncodingBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        int rounds = Integer.getInteger("bench.rounds", 1);
        FfmpegBinaries binaries = TestMedia.binaries();
        Path clips = TestMedia.TARGET.resolve("bench-clips");
        Files.createDirectories(clips);
        Path h264 = generate(clips.resolve("bench-h264-aac-" + seconds + "s.mp4"), seconds,
                "-c:v", "libopenh264", "-b:v", "4M", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k");
        Path mpeg4 = generate(clips.resolve("bench-mpeg4-mp3-" + seconds + "s.avi"), seconds,
                "-c:v", "mpeg4", "-q:v", "4", "-c:a", "libmp3lame", "-b:a", "128k");

        System.out.printf(Locale.ROOT, "Encoding benchmark %s, %d cores, %s, clips of %d s 1280x720, %d round(s)%n",
                LocalDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), seconds, rounds);
        for (int round = 1; round <= rounds; round++) {
            measure("H.264/AAC mp4", h264, binaries, 0.10);
            measure("MPEG-4/MP3 avi", mpeg4, binaries, 0.25);
        }
    }

    private static void measure(String label, Path input, FfmpegBinaries binaries, double playableTarget) throws Exception {
        List<ProcessRunner.Invocation> invocations = new CopyOnWriteArrayList<>();
        EncodingPipeline pipeline = new EncodingPipeline(binaries, EncodingOptions.defaults(), invocations::add);
        Path out = Files.createTempDirectory(TestMedia.TARGET, "bench-out-");
        long[] playable = {-1};
        long started = System.nanoTime();
        EncodingResult result = pipeline.run(input, out, new EncodingListener() {
            @Override
            public void onPlayable(Path previewDir) {
                playable[0] = System.nanoTime();
            }
        }, new CancelHandle());
        long completed = System.nanoTime();
        double duration = result.source().durationSeconds();

        List<ProcessRunner.Invocation> ordered = new ArrayList<>(invocations);
        ordered.sort(Comparator.comparingLong(ProcessRunner.Invocation::startedNanos));
        List<List<ProcessRunner.Invocation>> waves = waves(ordered);

        double playableSeconds = (playable[0] - started) / 1e9;
        double completedSeconds = (completed - started) / 1e9;
        System.out.printf(Locale.ROOT, "%n== %s: %.1f s, preview %s, ladder %s%n", label, duration, result.previewMode(),
                result.renditions().stream().map(Rendition::name).toList());
        System.out.printf(Locale.ROOT, "pipeline: playable after %6.2f s = %.3f x duration (target <= %.2f) %s%n",
                playableSeconds, playableSeconds / duration, playableTarget,
                playableSeconds / duration <= playableTarget ? "OK" : "MISSED");
        System.out.printf(Locale.ROOT, "pipeline: completed after %6.2f s = %.3f x duration (target <= 0.50) %s%n",
                completedSeconds, completedSeconds / duration, completedSeconds / duration <= 0.5 ? "OK" : "MISSED");
        System.out.println("steps (processes as the pipeline ran them; start offset, wall time):");
        for (ProcessRunner.Invocation inv : ordered) {
            System.out.printf(Locale.ROOT, "  +%6.2f s %6.2f s  %-26s%n", (inv.startedNanos() - started) / 1e9,
                    (inv.endedNanos() - inv.startedNanos()) / 1e9, describe(inv));
        }

        // the same command lines, run directly: wave by wave, each wave with the pipeline's parallelism
        for (ProcessRunner.Invocation inv : ordered) {
            Path last = Path.of(inv.args().get(inv.args().size() - 1));
            if (last.isAbsolute() && last.getParent() != null) {
                Files.createDirectories(last.getParent());
            }
        }
        double directTotal = 0;
        double directPlayable = 0;
        for (List<ProcessRunner.Invocation> wave : waves) {
            double seconds = runDirectly(binaries, wave);
            directTotal += seconds;
            if (wave.get(wave.size() - 1).endedNanos() <= playable[0]) {
                directPlayable += seconds;
            }
        }
        System.out.printf(Locale.ROOT, "direct  : playable after %6.2f s, completed after %6.2f s (%d processes in %d waves)%n",
                directPlayable, directTotal, ordered.size(), waves.size());
        System.out.printf(Locale.ROOT, "ratio pipeline/direct: playable %.3f, completed %.3f (target <= 1.15)%n",
                playableSeconds / directPlayable, completedSeconds / directTotal);
        OutputStaging.deleteRecursively(out);
    }

    /** Groups processes that overlapped in time: a wave starts when every earlier process has ended. */
    private static List<List<ProcessRunner.Invocation>> waves(List<ProcessRunner.Invocation> ordered) {
        List<List<ProcessRunner.Invocation>> waves = new ArrayList<>();
        long waveEnd = Long.MIN_VALUE;
        for (ProcessRunner.Invocation inv : ordered) {
            if (waves.isEmpty() || inv.startedNanos() >= waveEnd) {
                waves.add(new ArrayList<>());
            }
            waves.get(waves.size() - 1).add(inv);
            waveEnd = Math.max(waveEnd, inv.endedNanos());
        }
        return waves;
    }

    private static double runDirectly(FfmpegBinaries binaries, List<ProcessRunner.Invocation> wave) throws Exception {
        int threads = wave.size() == 1 ? 1 : EncodingPipeline.PARALLEL_PROCESSES;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<Integer>> exits = new ArrayList<>();
            for (ProcessRunner.Invocation inv : wave) {
                exits.add(pool.submit(() -> {
                    Process process = binaries.processBuilder(inv.executable(), inv.args())
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    process.getOutputStream().close();
                    return process.waitFor();
                }));
            }
            for (int i = 0; i < exits.size(); i++) {
                int exit = exits.get(i).get();
                if (exit != wave.get(i).exitCode()) {
                    System.out.println("  note: direct run exited " + exit + " (pipeline: " + wave.get(i).exitCode() + "): "
                            + describe(wave.get(i)));
                }
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static String describe(ProcessRunner.Invocation inv) {
        List<String> args = inv.args();
        String last = Path.of(args.get(args.size() - 1)).getFileName().toString();
        String exe = inv.executable().getFileName().toString();
        if (exe.startsWith("ffprobe")) {
            return "probe";
        }
        if (args.contains("smoothstreaming")) {
            return "smooth (copy)";
        }
        if (args.contains("-filter_complex") && last.equals(EncodingPipeline.LADDER_INTERMEDIATE)) {
            return "ladder encode";
        }
        if (args.contains("-filter_complex")) {
            return "preview encode (lowest)";
        }
        if (last.equals(EncodingLayout.DASH_MANIFEST)) {
            return args.toString().contains(EncodingPipeline.LADDER_INTERMEDIATE) ? "cmaf (copy)" : "preview (copy)";
        }
        if (last.equals(EncodingLayout.PROGRESSIVE_MP4)) {
            return "progressive (copy)";
        }
        if (last.endsWith(".jpg")) {
            return last.startsWith("poster") ? "poster candidate" : "thumbnail";
        }
        return exe + " " + last;
    }

    private static Path generate(Path target, int seconds, String... codecArgs) throws IOException {
        if (Files.exists(target)) {
            return target;
        }
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=440:d=" + seconds));
        args.addAll(List.of(codecArgs));
        args.addAll(List.of("-shortest", "-t", Integer.toString(seconds)));
        Path partial = target.resolveSibling("partial-" + target.getFileName());
        args.add(partial.toString());
        TestMedia.ffmpeg(args.toArray(String[]::new));
        Files.move(partial, target);
        return target;
    }
}
