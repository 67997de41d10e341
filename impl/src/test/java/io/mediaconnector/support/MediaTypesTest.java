package io.mediaconnector.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {

    @ParameterizedTest
    @CsvSource({
            "outputs/final/hls/master.m3u8,                              application/vnd.apple.mpegurl",
            "outputs/final/dash/manifest.mpd,                            application/dash+xml",
            "outputs/final/dash/chunk-stream0-00001.m4s,                 video/mp4",
            "outputs/final/video.mp4,                                    video/mp4",
            "outputs/final/smooth/video.ism/Manifest,                    application/vnd.ms-sstr+xml",
            "outputs/final/smooth/video.ism/QualityLevels(800000)/Fragments(video=0), video/mp4",
            "outputs/final/thumbnails/poster.JPG,                        image/jpeg",
            "captions/en.vtt,                                            text/vtt",
            "poster.png,                                                 image/png",
            "segment.ts,                                                 video/mp2t",
            "README,                                                     application/octet-stream",
            "archive.tar.gz,                                             application/octet-stream",
    })
    void knowsTheTypesPlayersExpect(String path, String type) {
        assertThat(MediaTypes.of(path)).isEqualTo(type);
    }

    @Test
    void manifestsAreThePlaylistsThatChangeWhileEncoding() {
        assertThat(MediaTypes.isManifest("hls/master.m3u8")).isTrue();
        assertThat(MediaTypes.isManifest("dash/manifest.mpd")).isTrue();
        assertThat(MediaTypes.isManifest("smooth/video.ism/Manifest")).isTrue();
        assertThat(MediaTypes.isManifest("dash/chunk-stream0-00001.m4s")).isFalse();
        assertThat(MediaTypes.isManifest("thumbnails/poster.jpg")).isFalse();
    }
}
