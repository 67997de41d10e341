package io.mediaconnector.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import io.mediaconnector.upload.SasPermission;
import io.mediaconnector.upload.SasSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads that are not videos, uploads that break the blob protocol's rules, and a video
 * deleted mid-encode: clear errors or a Failed status, nothing stored, no worker stuck.
 */
class BadInputsIT {
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;
    static TestService service;
    static MediaClient media;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir, Map.of("JOB_LEASE", "PT6S", "JOB_MAX_ATTEMPTS", "2"));
        media = new MediaClient(new SpecCheckedHttp(service.baseUrl()), service.newAccountKey("write"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void filesThatAreNotVideosEndFailedWithAMessageAPersonUnderstands() throws Exception {
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        byte[] clip = Files.readAllBytes(Clips.landscapeH264());
        String randomBytes = uploadAndComplete("random.mp4", random);
        String truncated = uploadAndComplete("truncated.mp4", Arrays.copyOf(clip, clip.length / 2));
        String picture = uploadAndComplete("picture.mp4", Files.readAllBytes(Clips.jpeg()));

        for (String id : new String[] {randomBytes, truncated, picture}) {
            JsonNode status = media.awaitSettled(id, SETTLE);
            assertThat(status.get("Status").asText()).as(status.toString()).isEqualTo("Failed");
            assertThat(status.get("StatusCode").asInt()).isEqualTo(3);
            assertThat(status.get("Message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("/tmp/");
            var playback = media.playback(id, "HLS");
            assertThat(playback.statusCode()).isEqualTo(409);
            // Not "not playable yet": it never will be without a Retry.
            assertThat(playback.body()).contains("failed to encode").contains("Retry").doesNotContain("not playable yet");
        }
        // The workers are free again: a real video still completes.
        String good = uploadAndComplete("good.mp4", clip);
        assertThat(media.awaitSettled(good, SETTLE).get("Status").asText()).isEqualTo("Completed");
    }

    @Test
    void anEmptyUploadCannotBeMarkedComplete() {
        MediaClient.Created video = media.create("empty.mp4");
        HttpResponse<String> put = put(video.uploadUri(), new byte[0], Map.of());
        assertThat(put.statusCode()).isEqualTo(201);
        HttpResponse<String> complete = media.markComplete(video.id());
        assertThat(complete.statusCode()).isEqualTo(409);
        assertThat(complete.body()).contains("Nothing was uploaded");
    }

    @Test
    void aWrongMd5StoresNothing() {
        MediaClient.Created video = media.create("md5.mp4");
        byte[] body = "not what the digest says".getBytes();
        HttpResponse<String> put = put(video.uploadUri(), body,
                Map.of("Content-MD5", Base64.getEncoder().encodeToString(new byte[16])));
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("<Code>Md5Mismatch</Code>");
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(409);
    }

    @Test
    void anExpiredOrForeignSasWritesNothing() throws Exception {
        MediaClient.Created target = media.create("target.mp4");
        MediaClient.Created other = media.create("other.mp4");
        String blobUrl = target.uploadUri().substring(0, target.uploadUri().indexOf('?'));
        String container = URI.create(blobUrl).getPath().split("/")[2];

        byte[] secret = Base64.getDecoder().decode(Files.readString(dataDir.resolve("secrets/signing.key")).trim());
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = new SasSigner("mediaconnector", secret, Clock.systemUTC())
                .sign(container, EnumSet.of(SasPermission.CREATE, SasPermission.WRITE), past, past.plus(Duration.ofHours(1)));
        HttpResponse<String> late = put(blobUrl + "?" + expired, "x".getBytes(), Map.of());
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("AuthenticationFailed");

        String foreignSas = other.uploadUri().substring(other.uploadUri().indexOf('?') + 1);
        HttpResponse<String> foreign = put(blobUrl + "?" + foreignSas, "x".getBytes(), Map.of());
        assertThat(foreign.statusCode()).isEqualTo(403);

        String tampered = target.uploadUri().replace("sp=cw", "sp=rcwd");
        assertThat(put(tampered, "x".getBytes(), Map.of()).statusCode()).isEqualTo(403);
        assertThat(media.markComplete(target.id()).statusCode()).isEqualTo(409);
    }

    @Test
    void afterMarkCompleteTheUploadUriIsGoneAndWritesAreRefused() throws Exception {
        MediaClient.Created video = media.create("closed.mp4");
        media.curlUpload(video.uploadUri(), Clips.landscapeH264());
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(202);
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(409);

        HttpResponse<String> read = new SpecCheckedHttp(service.baseUrl()).send(
                new SpecCheckedHttp(service.baseUrl()).request("/api/Videos/" + video.id(), keyOf()).GET());
        assertThat(read.body()).contains("\"UploadUri\":null");
        assertThat(put(video.uploadUri(), "overwrite".getBytes(), Map.of()).statusCode()).isEqualTo(409);
        assertThat(media.awaitSettled(video.id(), SETTLE).get("Status").asText()).isEqualTo("Completed");
    }

    @Test
    void deletingAVideoWhileItEncodesStopsItsFfmpegAndRemovesItsFiles() throws Exception {
        MediaClient.Created video = media.create("long.mp4");
        media.curlUpload(video.uploadUri(), Clips.longHd());
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(202);
        Path work = dataDir.resolve("work");
        awaitTrue(() -> nonEmpty(work), Duration.ofSeconds(30), "encoding started");

        Path container = dataDir.resolve("blobs/blobs/asset-" + video.id());
        assertThat(container).isDirectory();
        assertThat(media.delete(video.id()).statusCode()).isEqualTo(204);

        awaitTrue(() -> !nonEmpty(work), Duration.ofSeconds(20), "the worker stopped and cleaned up");
        assertThat(container).doesNotExist();
        assertThat(ffmpegProcessesUnder(dataDir)).isZero();
    }

    private static String keyOf() {
        return media.key();
    }

    private String uploadAndComplete(String name, byte[] content) {
        MediaClient.Created video = media.create(name);
        assertThat(put(video.uploadUri(), content, Map.of()).statusCode()).isEqualTo(201);
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(202);
        return video.id();
    }

    private static HttpResponse<String> put(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean nonEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (Exception e) {
            return false;
        }
    }

    private static long ffmpegProcessesUnder(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ffmpeg") && c.contains(dir.toString())).orElse(false))
                .count();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            MediaClient.sleep(100);
        }
    }
}
