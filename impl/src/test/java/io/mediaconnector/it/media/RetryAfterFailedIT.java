package io.mediaconnector.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/Videos/{id}/Retry}: a video that failed for a cause the operator can fix (here
 * a broken ffmpeg installation, repaired while the service runs) completes when retried; the
 * operation refuses videos that did not fail.
 */
class RetryAfterFailedIT {
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path tools;
    /** While this file exists, the configured ffmpeg behaves as a broken installation. */
    static Path broken;
    static TestService service;
    static SpecCheckedHttp http;
    static MediaClient media;

    @BeforeAll
    static void start() throws IOException {
        broken = Files.writeString(tools.resolve("ffmpeg-is-broken"), "delete me to repair ffmpeg");
        Path ffmpeg = Clips.binaries().ffmpeg();
        Path libraries = ffmpeg.getParent();
        Path brokenFfmpeg = script("ffmpeg", """
                #!/bin/sh
                export LD_LIBRARY_PATH='%s'
                case " $* " in *" -version "*) exec '%s' "$@";; esac
                if [ -e '%s' ]; then
                  echo "ffmpeg: error while loading codec libopenh264: broken installation" >&2
                  exit 1
                fi
                exec '%s' "$@"
                """.formatted(libraries, ffmpeg, broken, ffmpeg));
        Path ffprobe = script("ffprobe", """
                #!/bin/sh
                export LD_LIBRARY_PATH='%s'
                exec '%s' "$@"
                """.formatted(libraries, Clips.binaries().ffprobe()));
        service = TestService.start(dataDir, Map.of("JOB_MAX_ATTEMPTS", "1", "JOB_POLL_INTERVAL", "PT0.2S",
                "FFMPEG", brokenFfmpeg.toString(), "FFPROBE", ffprobe.toString()));
        http = new SpecCheckedHttp(service.baseUrl());
        media = new MediaClient(http, service.newAccountKey("write"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aVideoThatFailedCompletesWhenRetriedOnceTheCauseIsFixed(@TempDir Path scratch) throws IOException {
        Path clip = Clips.landscapeH264();
        MediaClient.Created video = media.create("holiday.mp4");
        media.curlUpload(video.uploadUri(), clip);
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(202);
        JsonNode failed = media.awaitSettled(video.id(), SETTLE);
        assertThat(failed.get("Status").asText()).isEqualTo("Failed");
        assertThat(failed.get("Message").asText()).contains("broken installation");

        Files.delete(broken);
        HttpResponse<String> retried = retry(video.id(), media.key());

        assertThat(retried.statusCode()).as(SpecCheckedHttp.describe(retried)).isEqualTo(202);
        assertThat(retried.headers().firstValue("Location")).hasValue(service.baseUrl() + "/api/Videos/" + video.id() + "/Status");
        JsonNode accepted = media.read(retried, 202);
        assertThat(accepted.get("Status").asText()).isEqualTo("Processing");
        assertThat(accepted.get("StatusCode").asInt()).isEqualTo(1);
        JsonNode settled = media.awaitSettled(video.id(), SETTLE);
        assertThat(settled.get("Status").asText()).as(settled.toString()).isEqualTo("Completed");
        new PlaybackChecks(scratch).hls(media.playbackUrl(video.id(), "HLS"), Clips.duration(clip));

        HttpResponse<String> again = retry(video.id(), media.key());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(media.read(again, 409).get("code").asText()).isEqualTo("Conflict");
        assertThat(again.body()).contains("Completed");
    }

    @Test
    void onlyAFailedVideoOfTheCallersAccountCanBeRetried() {
        MediaClient.Created awaitingUpload = media.create("later.mp4");
        HttpResponse<String> notFailed = retry(awaitingUpload.id(), media.key());
        assertThat(notFailed.statusCode()).isEqualTo(409);
        assertThat(notFailed.body()).contains("Created");

        assertThat(retry(UUID.randomUUID().toString(), media.key()).statusCode()).isEqualTo(404);
        assertThat(retry(awaitingUpload.id(), service.newAccountKey("write")).statusCode())
                .as("another account's video").isEqualTo(404);
        assertThat(retry(awaitingUpload.id(), "mc_not-a-key").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> retry(String id, String key) {
        return http.send(http.request("/api/Videos/" + id + "/Retry", key).POST(BodyPublishers.noBody()));
    }

    private static Path script(String name, String text) throws IOException {
        Path file = tools.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
