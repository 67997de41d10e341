package io.mediaconnector.it.browser;

import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import io.mediaconnector.it.media.Clips;
import io.mediaconnector.it.media.MediaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser (Debian's Chromium, driven by playwright-core) plays each PlaybackUrl of a
 * video the service encoded: hls.js, dashjs, dashjs with its Smooth Streaming plugin, and a
 * plain {@code <video>}. The screenshots stay in {@code target/browser-screenshots}.
 */
@Tag("browser")
class BrowserPlaybackIT {
    private static final Path SCREENSHOTS = Path.of("target/browser-screenshots").toAbsolutePath();

    @TempDir
    static Path dataDir;
    static TestService service;
    static MediaClient media;
    static String videoId;

    @BeforeAll
    static void encodeOneVideo() {
        service = TestService.start(dataDir);
        media = new MediaClient(new SpecCheckedHttp(service.baseUrl()), service.newAccountKey("write"));
        MediaClient.Created video = media.create("browser.mp4");
        media.curlUpload(video.uploadUri(), Clips.fourByThree());
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(202);
        assertThat(media.awaitSettled(video.id(), Duration.ofSeconds(120)).get("Status").asText()).isEqualTo("Completed");
        videoId = video.id();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HLS", "DASH", "Streaming", "Progressive"})
    void playsInChromium(String type) {
        BrowserPlayback.PlaybackResult result = new BrowserPlayback()
                .play(type, media.playbackUrl(videoId, type), SCREENSHOTS.resolve(type + ".png"));
        result.assertPlayed();
        assertThat(result.currentTime()).isGreaterThan(2.0);
        assertThat(SCREENSHOTS.resolve(type + ".png")).exists();
    }
}
