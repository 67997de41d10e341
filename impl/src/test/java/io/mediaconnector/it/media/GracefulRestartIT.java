package io.mediaconnector.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.ServiceProcess;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy is not the video's fault: SIGTERM the service mid-encode more often than a job may be
 * attempted, restarting it each time, and the video still completes and plays.
 */
class GracefulRestartIT {
    private static final int MAX_ATTEMPTS = 2;
    private static final int RESTARTS = MAX_ATTEMPTS + 1;

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;
    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.kill();
        }
    }

    @Test
    void restartsDuringAnEncodeDoNotCountAgainstItsAttempts() {
        int port = ServiceProcess.freePort();
        Map<String, String> settings = Map.of("JOB_MAX_ATTEMPTS", String.valueOf(MAX_ATTEMPTS),
                "JOB_LEASE", "PT6S", "JOB_POLL_INTERVAL", "PT0.2S");
        Path log = scratch.resolve("service.log");
        service = ServiceProcess.start(dataDir, port, settings, log);
        MediaClient media = new MediaClient(new SpecCheckedHttp(service.baseUrl()), TestService.ADMIN_KEY);
        Path clip = Clips.longHd();
        MediaClient.Created video = media.create("long.mp4");
        media.curlUpload(video.uploadUri(), clip);
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(202);

        for (int restart = 1; restart <= RESTARTS; restart++) {
            EncoderProcesses.awaitEncoding(dataDir, Duration.ofSeconds(60));
            assertThat(service.terminate()).as("exit status after SIGTERM").isIn(0, 143);
            EncoderProcesses.awaitNone(dataDir, Duration.ofSeconds(5));
            service = ServiceProcess.start(dataDir, port, settings, log);
            assertThat(media.status(video.id()).get("Status").asText()).as("after restart " + restart)
                    .isEqualTo("Processing");
        }

        JsonNode settled = media.awaitSettled(video.id(), Duration.ofSeconds(180));
        assertThat(settled.get("Status").asText()).as(settled + "\n" + service.log()).isEqualTo("Completed");
        new PlaybackChecks(scratch.resolve("playback")).hls(media.playbackUrl(video.id(), "HLS"), Clips.duration(clip));
        assertThat(service.log()).contains("node shutting down; job");
    }
}
