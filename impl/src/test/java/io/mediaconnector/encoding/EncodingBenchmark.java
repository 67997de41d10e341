package io.mediaconnector.encoding;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.it.TestService;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Speed of encoding against the targets (2 cores): first playable within 0.1 x duration
 * for an H.264/AAC source and 0.25 x for others, everything within 0.5 x, and the service's
 * MarkComplete -> Completed within 1.15 x the same ffmpeg work run directly.
 *
 * <p>Generates once (under {@code target/bench-clips}) a 1280x720 H.264/AAC clip and a 1280x720
 * MPEG-4 Part 2/MP3 AVI clip. For each clip it measures three paths:
 * <ol>
 * <li><b>service</b>: the whole service in-process ({@link TestService}, one encoding worker,
 * default job poll interval), a video created over HTTP, the clip uploaded with {@code curl -T}
 * (untimed), then {@code POST MarkComplete} and {@code GET Status} every 100 ms, timing
 * MarkComplete -> first {@code Playable: true} and MarkComplete -> {@code StatusCode} 2;</li>
 * <li><b>pipeline</b>: {@link EncodingPipeline} in-process, capturing every ffmpeg/ffprobe
 * invocation;</li>
 * <li><b>direct</b>: the very same command lines run through {@link ProcessBuilder} (same order,
 * same parallelism), the baseline for both ratios.</li>
 * </ol>
 * Odd rounds run service, pipeline, direct; even rounds pipeline, direct, service (direct needs
 * the command lines the pipeline ran in the same round).
 *
 * <pre>
 * bench/encode-bench.sh                                   # 60 s clips, 1 round
 * SECONDS=20 ROUNDS=2 bench/encode-bench.sh
 * cd impl && ../mvnw -o -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.mediaconnector.encoding.EncodingBenchmark -Dbench.seconds=20 -Dbench.rounds=3
 * </pre>
 * Not a JUnit test (it takes minutes): it is a {@code main}, and its name does not match the
 * surefire/failsafe patterns, so {@code verify} never runs it.
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
        System.out.println("load average at start: " + loadAverage());
        // The access log writes one line per Status poll; it would bury the figures (the worker's lines stay).
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("access")).setLevel(Level.WARN);
        List<String> summary = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            boolean serviceFirst = round % 2 == 1;
            summary.add(measure(round, serviceFirst, "H.264/AAC mp4", h264, binaries, 0.10));
            summary.add(measure(round, serviceFirst, "MPEG-4/MP3 avi", mpeg4, binaries, 0.25));
        }
        System.out.printf(Locale.ROOT, "%n== summary (fractions of the clip duration; ratios to direct)%n");
        System.out.printf(Locale.ROOT, "%-5s %-15s %-12s %9s %9s %9s %9s %9s %9s %9s %9s%n", "round", "clip", "order",
                "svc play", "svc done", "pip play", "pip done", "dir play", "dir done", "svc/dir", "pip/dir");
        summary.forEach(System.out::println);
        System.out.println("goals: first playable <= 0.10 (H.264/AAC) / <= 0.25 (other), done <= 0.50,"
                + " service MarkComplete->Completed / direct <= 1.15");
        System.out.println("load average at end: " + loadAverage());
    }

    /** Both the service path and the pipeline + direct paths for one clip; returns the summary line. */
    private static String measure(int round, boolean serviceFirst, String label, Path input, FfmpegBinaries binaries,
            double playableTarget) throws Exception {
        System.out.printf(Locale.ROOT, "%n== round %d, %s (%s first), load average %s%n", round, label,
                serviceFirst ? "service" : "pipeline", loadAverage());
        ServiceTimes service = serviceFirst ? viaService(input) : null;
        LocalTimes local = pipelineAndDirect(label, input, binaries, playableTarget);
        if (!serviceFirst) {
            service = viaService(input);
        }
        double duration = local.duration();
        System.out.printf(Locale.ROOT, "service : playable after %6.2f s = %.3f x duration (target <= %.2f) %s%n",
                service.playable(), service.playable() / duration, playableTarget,
                service.playable() / duration <= playableTarget ? "OK" : "MISSED");
        System.out.printf(Locale.ROOT, "service : completed after %6.2f s = %.3f x duration (target <= 0.50) %s"
                        + "  [first Progress > 0 after %.2f s]%n",
                service.completed(), service.completed() / duration,
                service.completed() / duration <= 0.5 ? "OK" : "MISSED", service.processing());
        double serviceRatio = service.completed() / local.directCompleted();
        System.out.printf(Locale.ROOT, "ratio service/direct: playable %.3f, completed %.3f (target <= 1.15) %s%n",
                service.playable() / local.directPlayable(), serviceRatio, serviceRatio <= 1.15 ? "OK" : "MISSED");
        return String.format(Locale.ROOT, "%-5d %-15s %-12s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f", round,
                label, serviceFirst ? "svc,pip,dir" : "pip,dir,svc", service.playable() / duration,
                service.completed() / duration, local.pipelinePlayable() / duration,
                local.pipelineCompleted() / duration, local.directPlayable() / duration,
                local.directCompleted() / duration, serviceRatio, local.pipelineCompleted() / local.directCompleted());
    }

    /** Seconds from sending MarkComplete to the first Status that showed each state. */
    private record ServiceTimes(double processing, double playable, double completed) {
    }

    private record LocalTimes(double duration, double pipelinePlayable, double pipelineCompleted,
            double directPlayable, double directCompleted) {
    }

    private static ServiceTimes viaService(Path input) throws Exception {
        Path data = Files.createTempDirectory(TestMedia.TARGET, "bench-service-");
        // The bundled ffmpeg: javacpp extracts once per JVM, so the service runs the very files the other
        // paths run, with the library path they need (as a configured "system" ffmpeg it would lack it).
        Map<String, String> settings = Map.of("WORKERS", "1");
        // HTTP/1.1: the default h2c upgrade attempt on a POST with a body stalls the request body.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper json = new ObjectMapper();
        try (TestService service = TestService.start(data, settings)) {
            String base = service.baseUrl();
            JsonNode video = json.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/Videos"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"OriginalFileName\":\"" + input.getFileName() + "\"}")),
                    201));
            String id = video.get("Id").asText();
            curlUpload(video.get("UploadUri").asText(), input);

            URI status = URI.create(base + "/api/Videos/" + id + "/Status");
            long started = System.nanoTime();
            send(http, HttpRequest.newBuilder(URI.create(base + "/api/Videos/" + id + "/MarkComplete"))
                    .POST(HttpRequest.BodyPublishers.noBody()), 202);
            double processing = -1;
            double playable = -1;
            long deadline = started + 20L * 60 * 1_000_000_000L;
            for (long poll = 1; System.nanoTime() < deadline; poll++) {
                long next = started + poll * 100_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                JsonNode answer = json.readTree(send(http, HttpRequest.newBuilder(status).GET(), 200));
                double at = (System.nanoTime() - started) / 1e9;
                int code = answer.get("StatusCode").asInt();
                if (processing < 0 && (answer.path("Progress").asInt(0) > 0 || code == 2)) {
                    processing = at;
                }
                if (playable < 0 && answer.path("Playable").asBoolean(false)) {
                    playable = at;
                }
                if (code == 2) {
                    return new ServiceTimes(processing, playable, at);
                }
                if (code == 3) {
                    throw new IllegalStateException("the service failed the video: " + answer);
                }
            }
            throw new IllegalStateException("video " + id + " not completed within 20 minutes");
        } finally {
            OutputStaging.deleteRecursively(data);
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + TestService.ADMIN_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void curlUpload(String uploadUri, Path file) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "-f", "-o", "/dev/null", "-w", "%{http_code}", "-T",
                file.toString(), "-H", "x-ms-blob-type: BlockBlob", uploadUri).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes()).trim();
        if (curl.waitFor() != 0 || !output.equals("201")) {
            throw new IllegalStateException("curl upload failed: " + output);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static LocalTimes pipelineAndDirect(String label, Path input, FfmpegBinaries binaries, double playableTarget)
            throws Exception {
        List<ProcessRunner.Invocation> invocations = new CopyOnWriteArrayList<>();
        EncodingPipeline pipeline = new EncodingPipeline(binaries, EncodingOptions.defaults(), new SecureRandom(),
                invocations::add);
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
        System.out.printf(Locale.ROOT, "%s: %.1f s, preview %s, ladder %s%n", label, duration, result.previewMode(),
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
        return new LocalTimes(duration, playableSeconds, completedSeconds, directPlayable, directTotal);
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
        if (args.contains("-filter_complex") && (last.equals(EncodingPipeline.LADDER_INTERMEDIATE)
                || last.equals(EncodingPipeline.UPPER_RENDITIONS_FILE))) {
            return "ladder encode";
        }
        if (last.equals(EncodingPipeline.LADDER_INTERMEDIATE)) {
            return "ladder join (copy)";
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
