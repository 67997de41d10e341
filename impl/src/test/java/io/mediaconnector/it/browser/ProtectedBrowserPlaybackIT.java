package io.mediaconnector.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import io.mediaconnector.it.media.Clips;
import io.mediaconnector.it.media.MediaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chromium plays an AES-128 video only with its token: hls.js fetching the AES-128 key with
 * {@code Authorization: Bearer}, dashjs asking the ClearKey license server with it; without a
 * token, or with an expired one, nothing plays.
 */
@Tag("browser")
class ProtectedBrowserPlaybackIT {
    private static final Path SCREENSHOTS = Path.of("target/browser-screenshots").toAbsolutePath();
    private static final Duration SHORT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path expiringDataDir;
    static TestService service;
    static SpecCheckedHttp http;
    static MediaClient media;
    static String id;
    static String keyId;

    @BeforeAll
    static void encodeAProtectedVideo() {
        // Tokens of the ordinary lifetime here: a browser that takes seconds to start on a busy
        // machine must not see its token expire. Expiry has its own service below.
        service = TestService.start(dataDir);
        http = new SpecCheckedHttp(service.baseUrl());
        media = new MediaClient(http, service.newAccountKey("write"));
        JsonNode created = media.encodeProtected("drm.avi", Clips.fourByThree());
        id = created.get("Id").asText();
        keyId = created.get("ContentProtectionKeyId").asText();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void hlsPlaysWithTheTokenOnly() {
        String url = media.playbackUrl(id, "HLS");
        BrowserPlayback browser = new BrowserPlayback();
        browser.play("HLS", url, SCREENSHOTS.resolve("protected-HLS.png"), BrowserPlayback.DEFAULT_TIMEOUT, token())
                .assertPlayed();
        assertThat(browser.play("HLS", url, SCREENSHOTS.resolve("protected-HLS-no-token.png"), SHORT, null).ok()).isFalse();
    }

    @Test
    void dashPlaysWithTheTokenOnly() {
        String url = media.playbackUrl(id, "DASH");
        String license = service.baseUrl() + "/keys/" + id + "/" + keyId + "/clearkey";
        BrowserPlayback browser = new BrowserPlayback();
        browser.play("DASH", url, SCREENSHOTS.resolve("protected-DASH.png"), BrowserPlayback.DEFAULT_TIMEOUT, token(),
                license).assertPlayed();
        assertThat(browser.play("DASH", url, SCREENSHOTS.resolve("protected-DASH-no-token.png"), SHORT, null, license)
                .ok()).isFalse();
    }

    @Test
    void anExpiredTokenPlaysNothing() throws Exception {
        try (TestService expiring = TestService.start(expiringDataDir, Map.of("TOKEN_VALIDITY", "PT3S"))) {
            SpecCheckedHttp expiringHttp = new SpecCheckedHttp(expiring.baseUrl());
            MediaClient client = new MediaClient(expiringHttp, expiring.newAccountKey("write"));
            JsonNode video = client.encodeProtected("drm.avi", Clips.fourByThree());
            String videoId = video.get("Id").asText();
            String expired = token(expiringHttp, client, videoId, video.get("ContentProtectionKeyId").asText());
            Thread.sleep(4_000);
            BrowserPlayback.PlaybackResult result = new BrowserPlayback().play("HLS", client.playbackUrl(videoId, "HLS"),
                    SCREENSHOTS.resolve("protected-HLS-expired.png"), SHORT, expired);
            assertThat(result.ok()).isFalse();
        }
    }

    private static String token() {
        return token(http, media, id, keyId);
    }

    private static String token(SpecCheckedHttp http, MediaClient client, String videoId, String videoKeyId) {
        return client.read(http.send(http.request("/api/Videos/" + videoId + "/AuthorizationToken?KeyId=" + videoKeyId,
                client.key()).GET()), 200).get("value").asText().substring("Bearer=".length());
    }
}
