package io.mediaconnector.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.ServiceProcess;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the service mid-encode: its ffmpeg dies with it, and the next start on the
 * same data directory removes what the killed attempt left (work files, decrypted plaintext) and
 * encodes the video to the end.
 */
class OrphanFfmpegIT {
    private static final Duration ORPHANS_GONE = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;
    @TempDir
    Path plaintextDir;
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
    void ffmpegDiesWithAKilledServiceAndTheNextStartCleansUpAndFinishes() throws IOException {
        int port = ServiceProcess.freePort();
        Path log = scratch.resolve("service.log");
        Map<String, String> settings = new HashMap<>(Map.of("JOB_LEASE", "PT6S", "JOB_POLL_INTERVAL", "PT0.2S",
                "PLAINTEXT_DIR", plaintextDir.toString(), "WORKERS", "0"));
        // The video is made ready on an API-only node that then stops gracefully: the embedded H2
        // database can lose commits of the last seconds on kill -9 (issue 8, being replaced), and
        // this test is about the encode, not about the database.
        service = ServiceProcess.start(dataDir, port, settings, log);
        MediaClient media = new MediaClient(new SpecCheckedHttp(service.baseUrl()), TestService.ADMIN_KEY);
        Path clip = Clips.longHd();
        JsonNode created = media.createEncrypted("long.mp4");
        String id = created.get("Id").asText();
        Path encrypted = MediaClient.encrypt(clip,
                Base64.getDecoder().decode(created.get("InputStorageEncryptionSymmetricKey").asText()),
                Base64.getDecoder().decode(created.get("InputStorageEncryptionIv").asText()), scratch.resolve("upload.bin"));
        media.curlUpload(created.get("UploadUri").asText(), encrypted);
        assertThat(media.markComplete(id).statusCode()).isEqualTo(202);
        service.terminate();
        settings.remove("WORKERS");
        service = ServiceProcess.start(dataDir, port, settings, log);
        EncoderProcesses.awaitEncoding(dataDir, Duration.ofSeconds(60));

        service.kill();
        service = null;

        EncoderProcesses.awaitNone(dataDir, ORPHANS_GONE);
        assertThat(filesUnder(dataDir.resolve("work"))).as("the killed attempt's work files").isPositive();
        assertThat(filesUnder(plaintextDir)).as("the killed attempt's decrypted upload").isPositive();

        // An API-only start: it runs no encode, so what is left afterwards is what it did not clean.
        settings.put("WORKERS", "0");
        service = ServiceProcess.start(dataDir, port, settings, log);
        assertThat(filesUnder(dataDir.resolve("work"))).isZero();
        assertThat(filesUnder(plaintextDir)).isZero();
        assertThat(media.status(id).get("Status").asText()).isEqualTo("Processing");
        service.terminate();

        settings.remove("WORKERS");
        service = ServiceProcess.start(dataDir, port, settings, log);
        JsonNode settled = media.awaitSettled(id, Duration.ofSeconds(180));
        assertThat(settled.get("Status").asText()).as(settled + "\n" + service.log()).isEqualTo("Completed");
        new PlaybackChecks(scratch.resolve("playback")).hls(media.playbackUrl(id, "HLS"), Clips.duration(clip));
        assertThat(filesUnder(dataDir.resolve("blobs/blobs/asset-" + id + "/staging"))).as("staged outputs").isZero();
    }

    private static long filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
