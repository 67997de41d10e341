package io.mediaconnector.it.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.media.Clips;
import io.mediaconnector.it.ServiceProcess;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durability promise under {@code kill -9}: the service jar runs as a child process while a
 * client creates videos, uploads, completes, renames and deletes; at a random moment (seeded:
 * {@code -Dcrash.seed=…} replays a run) the process is killed, restarted, and everything it had
 * acknowledged is checked. At the end every video whose encoding was acknowledged is Completed
 * and plays, and no encoding job ran again after it had succeeded.
 */
class CrashLoopIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 12);
    private static final Map<String, String> SETTINGS = Map.of(
            "JOB_LEASE", "PT3S",
            "JOB_POLL_INTERVAL", "PT0.2S",
            // Each kill mid-encode costs the job an attempt when its lease expires; this test is about
            // losing nothing, not about the attempt limit.
            "JOB_MAX_ATTEMPTS", "100",
            "SHUTDOWN_GRACE", "PT2S");

    @TempDir
    Path dir;

    @Test
    void everythingAcknowledgedSurvivesKillNineAtRandomMoments() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashLoopIT seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path dataDir = dir.resolve("data");
        Path log = dir.resolve("service.log");
        List<byte[]> clips = List.of(Files.readAllBytes(Clips.fourByThree()), Files.readAllBytes(Clips.landscapeH264()));
        Map<String, Acknowledged> ledger = new LinkedHashMap<>();
        String key = null;

        for (int round = 0; round < ROUNDS; round++) {
            try (ServiceProcess service = ServiceProcess.start(dataDir, ServiceProcess.freePort(), SETTINGS, log)) {
                SpecCheckedHttp http = new SpecCheckedHttp(service.baseUrl());
                if (key == null) {
                    key = newWriteKey(http);
                }
                verify(http, key, ledger, false);
                Workload workload = new Workload(http, key, ledger, clips, new Random(random.nextLong()));
                Thread client = new Thread(workload, "crash-loop-client");
                client.start();
                // A random moment once the client has had a few answers (a loaded machine starts slowly).
                workload.awaitAcknowledged(1 + random.nextInt(6), Duration.ofSeconds(60));
                Thread.sleep(random.nextInt(1500));
                service.kill();
                workload.stop();
                client.join(30_000);
                assertThat(client.isAlive()).isFalse();
                if (workload.failure != null) {
                    throw new AssertionError("round " + round + " (seed " + seed + ")", workload.failure);
                }
            }
        }

        try (ServiceProcess service = ServiceProcess.start(dataDir, ServiceProcess.freePort(), SETTINGS, log)) {
            SpecCheckedHttp http = new SpecCheckedHttp(service.baseUrl());
            verify(http, key, ledger, true);
            for (Acknowledged video : ledger.values()) {
                if (video.encodes() && video.exists()) {
                    assertPlays(http, key, video.id);
                }
            }
            service.terminate();
        }
        System.out.printf("CrashLoopIT: %d rounds, %d videos acknowledged, %d encoded, %d deleted, %d encode starts%n",
                ROUNDS, ledger.size(), ledger.values().stream().filter(Acknowledged::encodes).count(),
                ledger.values().stream().filter(v -> v.deleted).count(), countLines(log, "encoding video "));
        assertThat(ledger.values()).filteredOn(Acknowledged::encodes).as("videos encoded across the kills").isNotEmpty();
        assertNoJobRanAfterItSucceeded(log);
        assertOneJobPerVideo(dataDir.resolve("db/media-connector.sqlite"));
    }

    /** Everything acknowledged is there; with {@code settle}, every requested encode is finished too. */
    private static void verify(SpecCheckedHttp http, String key, Map<String, Acknowledged> ledger, boolean settle)
            throws IOException {
        for (Acknowledged video : ledger.values()) {
            HttpResponse<String> read = http.send(http.request("/api/Videos/" + video.id, key).GET());
            if (video.deleted) {
                assertThat(read.statusCode()).as("deleted %s", video.id).isEqualTo(404);
                continue;
            }
            if (video.deleteMaybe) {
                assertThat(read.statusCode()).isIn(200, 404);
                if (read.statusCode() == 404) {
                    video.deleted = true;
                    continue;
                }
                video.deleteMaybe = false;
            }
            assertThat(read.statusCode()).as("acknowledged video %s: %s", video.id, read.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(read.body());
            String name = body.get("Name").asText();
            assertThat(video.names).as("name of %s", video.id).contains(name);
            video.names.clear();
            video.names.add(name);
            int state = JSON.readTree(http.send(http.request("/api/Videos/" + video.id + "/Status", key).GET()).body())
                    .get("StatusCode").asInt();
            if (video.completeMaybe) {
                video.completeMaybe = false;
                video.completeRequested = state != 0;
            }
            if (video.completeRequested) {
                assertThat(state).as("status of %s after an acknowledged MarkComplete", video.id).isIn(1, 2);
                if (video.seenCompleted) {
                    assertThat(state).as("%s went back from Completed", video.id).isEqualTo(2);
                }
                video.seenCompleted = state == 2;
            } else {
                assertThat(state).as("status of %s before MarkComplete", video.id).isZero();
            }
            if (settle && video.uploadMaybe) {
                video.uploadMaybe = false;
                video.uploaded = markComplete(http, key, video.id).statusCode() == 202;
                video.completeRequested = video.uploaded;
            } else if (settle && video.mayComplete()) {
                assertThat(markComplete(http, key, video.id).statusCode()).as("upload of %s was acknowledged", video.id)
                        .isEqualTo(202);
                video.completeRequested = true;
            }
        }
        if (settle) {
            for (Acknowledged video : ledger.values()) {
                if (video.encodes() && video.exists()) {
                    assertThat(awaitSettled(http, key, video.id)).as("final status of %s", video.id).isEqualTo(2);
                }
            }
        }
    }

    private static int awaitSettled(SpecCheckedHttp http, String key, String id) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            int state = JSON.readTree(http.send(http.request("/api/Videos/" + id + "/Status", key).GET()).body())
                    .get("StatusCode").asInt();
            if (state >= 2) {
                return state;
            }
            sleep(250);
        }
        throw new AssertionError("video " + id + " did not settle");
    }

    /** The HLS master, a media playlist and its first segment are served. */
    private static void assertPlays(SpecCheckedHttp http, String key, String id) throws IOException {
        String master = JSON.readTree(http.send(http.request("/api/Videos/" + id
                + "/PlaybackEndpoint?endpointType=HLS", key).GET()).body()).get("PlaybackUrl").asText();
        String masterBody = get(http, master);
        String media = masterBody.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).findFirst().orElseThrow();
        URI mediaUri = URI.create(master).resolve(media);
        String mediaBody = get(http, mediaUri.toString());
        String segment = mediaBody.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).findFirst().orElseThrow();
        HttpResponse<String> segmentResponse = http.sendUnchecked(http.request("").uri(mediaUri.resolve(segment)).GET());
        assertThat(segmentResponse.statusCode()).as("segment of %s", id).isEqualTo(200);
    }

    private static String get(SpecCheckedHttp http, String url) {
        HttpResponse<String> response = http.sendUnchecked(http.request("").uri(URI.create(url)).GET());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** In the service's own log across every restart: once "video X completed", X is never encoded again. */
    private static void assertNoJobRanAfterItSucceeded(Path log) throws IOException {
        Pattern encoding = Pattern.compile("encoding video (\\S+) \\(job");
        Pattern completed = Pattern.compile("video (\\S+) completed");
        List<String> done = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher started = encoding.matcher(line);
            if (started.find()) {
                assertThat(done).as("encoded again after it completed: %s", line).doesNotContain(started.group(1));
            }
            Matcher finished = completed.matcher(line);
            if (finished.find()) {
                done.add(finished.group(1));
            }
        }
        assertThat(done).isNotEmpty();
    }

    private static long countLines(Path log, String text) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(text)).count();
    }

    private static void assertOneJobPerVideo(Path database) throws Exception {
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement sql = sqlite.createStatement();
             ResultSet rs = sql.executeQuery("SELECT video_id, COUNT(*), GROUP_CONCAT(state) FROM encoding_jobs "
                     + "GROUP BY video_id HAVING COUNT(*) > 1 OR GROUP_CONCAT(state) <> 'SUCCEEDED'")) {
            List<String> wrong = new ArrayList<>();
            while (rs.next()) {
                wrong.add(rs.getString(1) + ": " + rs.getInt(2) + " job(s), " + rs.getString(3));
            }
            assertThat(wrong).as("videos whose encoding did not end in exactly one succeeded job").isEmpty();
        }
    }

    private static String newWriteKey(SpecCheckedHttp http) throws IOException {
        String account = JSON.readTree(http.send(http.request("/api/Accounts", TestService.ADMIN_KEY)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"Name\":\"crash\"}")))
                .body()).get("Id").asText();
        return JSON.readTree(http.send(http.request("/api/Accounts/" + account + "/Keys", TestService.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"Name\":\"client\",\"Scopes\":[\"write\"]}"))).body()).get("Key").asText();
    }

    private static HttpResponse<String> markComplete(SpecCheckedHttp http, String key, String id) {
        return http.send(http.request("/api/Videos/" + id + "/MarkComplete", key).POST(BodyPublishers.noBody()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client doing random work until the connection dies; it records only what was acknowledged. */
    private static final class Workload implements Runnable {
        private final SpecCheckedHttp http;
        private final String key;
        private final Map<String, Acknowledged> ledger;
        private final List<byte[]> clips;
        private final Random random;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final java.util.concurrent.Semaphore acknowledged = new java.util.concurrent.Semaphore(0);
        private volatile Throwable failure;

        Workload(SpecCheckedHttp http, String key, Map<String, Acknowledged> ledger, List<byte[]> clips, Random random) {
            this.http = http;
            this.key = key;
            this.ledger = ledger;
            this.clips = clips;
            this.random = random;
        }

        /** Waits until the service has acknowledged {@code count} requests of this round (or the client failed). */
        void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
            acknowledged.tryAcquire(count, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void stop() {
            stopped.set(true);
        }

        @Override
        public void run() {
            try {
                while (!stopped.get()) {
                    step();
                }
            } catch (UncheckedIOException e) {
                // The service was killed mid-request: what that request did is unknown, and recorded as such.
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void step() throws IOException {
            List<Acknowledged> videos = new ArrayList<>(ledger.values());
            Acknowledged any = videos.isEmpty() ? null : videos.get(random.nextInt(videos.size()));
            int choice = random.nextInt(10);
            if (any == null || choice < 3) {
                create();
            } else if (choice < 5) {
                videos.stream().filter(Acknowledged::mayUpload).findFirst().ifPresentOrElse(this::upload, this::create);
            } else if (choice < 7) {
                videos.stream().filter(Acknowledged::mayComplete).findFirst().ifPresent(this::complete);
            } else if (choice < 9 && any.exists()) {
                rename(any);
            } else if (any.exists() && !any.completeRequested && !any.completeMaybe) {
                delete(any);
            }
        }

        private void create() {
            String name = "video-" + random.nextInt(1_000_000);
            HttpResponse<String> response = http.sendUnchecked(http.request("/api/Videos", key)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"OriginalFileName\":\"clip.mp4\",\"Name\":\"" + name + "\"}")));
            SpecCheckedHttp.assertConforms(response);
            assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(201);
            JsonNode video = read(response);
            String id = video.get("Id").asText();
            ledger.put(id, new Acknowledged(id, video.get("UploadUri").asText(), name));
            acknowledged.release();
        }

        private void upload(Acknowledged video) {
            video.uploadMaybe = true;
            HttpResponse<String> response = http.sendUnchecked(http.request("").uri(URI.create(video.uploadUri))
                    .header("x-ms-blob-type", "BlockBlob")
                    .PUT(BodyPublishers.ofByteArray(clips.get(random.nextInt(clips.size())))));
            assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(201);
            video.uploadMaybe = false;
            video.uploaded = true;
            acknowledged.release();
        }

        private void complete(Acknowledged video) {
            video.completeMaybe = true;
            HttpResponse<String> response = markComplete(http, key, video.id);
            assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(202);
            video.completeMaybe = false;
            video.completeRequested = true;
            acknowledged.release();
        }

        private void rename(Acknowledged video) {
            String name = "renamed-" + random.nextInt(1_000_000);
            video.names.add(name);
            HttpResponse<String> response = http.send(http.request("/api/Videos/" + video.id, key)
                    .header("Content-Type", "application/json")
                    .PUT(BodyPublishers.ofString("{\"Name\":\"" + name + "\"}")));
            assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(200);
            video.names.clear();
            video.names.add(name);
        }

        private void delete(Acknowledged video) {
            video.deleteMaybe = true;
            HttpResponse<String> response = http.send(http.request("/api/Videos/" + video.id, key).DELETE());
            assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(204);
            video.deleteMaybe = false;
            video.deleted = true;
        }

        private static JsonNode read(HttpResponse<String> response) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
