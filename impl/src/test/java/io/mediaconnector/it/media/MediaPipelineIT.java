package io.mediaconnector.it.media;

import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Connector's first workflow end to end with real parts: create → upload (official Azure
 * SDK in parallel blocks, or curl) → MarkComplete → Status until Completed → each of the four
 * PlaybackUrls fetched, parsed, every segment served and decoded, durations matching the source.
 */
class MediaPipelineIT {
    private static final Duration SETTLE = Duration.ofSeconds(120);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path scratch;
    static TestService service;
    static MediaClient media;

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir);
        media = new MediaClient(new SpecCheckedHttp(service.baseUrl()), service.newAccountKey("write"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void webPlayableSourceUploadedByTheAzureSdkPlaysInEveryFormat() throws Exception {
        Path clip = Clips.landscapeH264();
        MediaClient.Created video = media.create("landscape.mp4");
        new BlobClientBuilder().endpoint(video.uploadUri()).buildClient()
                .uploadFromFileWithResponse(new BlobUploadFromFileOptions(clip.toString())
                        .setParallelTransferOptions(new ParallelTransferOptions()
                                .setBlockSizeLong(64L * 1024).setMaxConcurrency(4).setMaxSingleUploadSizeLong(64L * 1024)),
                        Duration.ofSeconds(60), null);

        HttpResponse<String> accepted = media.markComplete(video.id());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/Videos/" + video.id() + "/Status"));

        assertPlaysEverywhere(video.id(), Clips.duration(clip));
    }

    @Test
    void fourByThreeUploadedWithCurlPlaysInEveryFormat() {
        assertEncodesAndPlays(Clips.fourByThree(), "bars.avi");
    }

    @Test
    void portraitPlaysUpright() {
        String id = assertEncodesAndPlays(Clips.portrait(), "portrait.mp4");
        JsonNode status = media.status(id);
        JsonNode first = status.get("Renditions").get(0);
        assertThat(first.get("Height").asInt()).isGreaterThan(first.get("Width").asInt());
    }

    @Test
    void aVideoWithoutAudioPlaysInEveryFormat() {
        assertEncodesAndPlays(Clips.noAudio(), "silent.mkv");
    }

    private String assertEncodesAndPlays(Path clip, String name) {
        MediaClient.Created video = media.create(name);
        media.curlUpload(video.uploadUri(), clip);
        assertThat(media.markComplete(video.id()).statusCode()).isEqualTo(202);
        assertPlaysEverywhere(video.id(), Clips.duration(clip));
        return video.id();
    }

    private void assertPlaysEverywhere(String id, double duration) {
        JsonNode status = media.awaitSettled(id, SETTLE);
        assertThat(status.get("Status").asText()).as(status.toString()).isEqualTo("Completed");
        assertThat(status.get("Progress").asInt()).isEqualTo(100);
        assertThat(status.get("Playable").asBoolean()).isTrue();
        assertThat(status.get("Renditions").size()).isPositive();

        PlaybackChecks checks = new PlaybackChecks(scratch.resolve(id));
        checks.hls(media.playbackUrl(id, "HLS"), duration);
        checks.dash(media.playbackUrl(id, "DASH"), duration);
        checks.smooth(media.playbackUrl(id, "Streaming"), duration);
        checks.progressive(media.playbackUrl(id, "Progressive"), duration);

        JsonNode thumbnails = media.thumbnails(id);
        assertThat(thumbnails.get(0).get("Kind").asText()).isEqualTo("Poster");
        assertThat(thumbnails.size()).isGreaterThan(1);
    }
}
