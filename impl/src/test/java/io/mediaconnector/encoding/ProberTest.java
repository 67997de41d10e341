package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProberTest {

    private final Prober prober = new Prober(TestMedia.binaries(), Duration.ofSeconds(20));

    @TempDir
    Path temp;

    @Test
    void readsARealClip() {
        ProbeResult probe = prober.probe(TestMedia.h264Aac(), new CancelHandle());

        assertThat(probe.durationSeconds()).isCloseTo(4.0, within(0.1));
        assertThat(probe.sizeBytes()).isPositive();
        assertThat(probe.formatName()).contains("mp4");
        assertThat(probe.video()).extracting(VideoStreamInfo::codec, VideoStreamInfo::width, VideoStreamInfo::height,
                VideoStreamInfo::rotation, VideoStreamInfo::pixelFormat).containsExactly("h264", 640, 360, 0, "yuv420p");
        assertThat(probe.video().frameRate()).isCloseTo(25.0, within(0.01));
        assertThat(probe.audio()).isEqualTo(new AudioStreamInfo("aac", 1));
        assertThat(probe.isWebPlayable()).isTrue();
    }

    @Test
    void readsRotationFromTheDisplayMatrix() {
        ProbeResult probe = prober.probe(TestMedia.portrait(), new CancelHandle());

        assertThat(probe.video().rotation()).isIn(90, 270);
        assertThat(probe.video().displayWidth()).isEqualTo(360);
        assertThat(probe.video().displayHeight()).isEqualTo(640);
        assertThat(probe.isWebPlayable()).isFalse();
    }

    @Test
    void videoWithoutAudio() {
        ProbeResult probe = prober.probe(TestMedia.noAudio(), new CancelHandle());

        assertThat(probe.hasAudio()).isFalse();
        assertThat(probe.video().codec()).isEqualTo("mpeg4");
        assertThat(probe.isWebPlayable()).isFalse();
    }

    @Test
    void randomBytesAreNotAVideo() throws IOException {
        byte[] noise = new byte[200_000];
        new Random(42).nextBytes(noise);
        Path file = Files.write(temp.resolve("noise.mp4"), noise);

        assertUnsupported(file, "not a video ffmpeg can read");
    }

    @Test
    void truncatedMp4IsNotAVideo() throws IOException {
        byte[] whole = Files.readAllBytes(TestMedia.h264Aac());
        Path file = Files.write(temp.resolve("truncated.mp4"), java.util.Arrays.copyOf(whole, whole.length / 3));

        assertUnsupported(file, "not a video ffmpeg can read");
    }

    @Test
    void emptyFileIsNotAVideo() throws IOException {
        Path file = Files.createFile(temp.resolve("empty.mp4"));

        assertUnsupported(file, "empty");
    }

    @Test
    void jpegNamedMp4IsAStillImage() {
        assertUnsupported(TestMedia.jpegNamedMp4(), "still image");
    }

    @Test
    void audioOnlyHasNoVideoStream() {
        Path audio = TestMedia.clip("audio-only.m4a", "-f", "lavfi", "-i", "sine=d=2", "-c:a", "aac");

        assertUnsupported(audio, Prober.NO_VIDEO);
    }

    @Test
    void playlistsAreRefused() throws IOException {
        Path playlist = Files.writeString(temp.resolve("evil.mp4"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n");

        assertThatThrownBy(() -> prober.probe(playlist, new CancelHandle()))
                .isInstanceOf(UnsupportedMediaException.class);
    }

    @Test
    void errorMessagesDoNotLeakServerPaths() throws IOException {
        Path file = Files.write(temp.resolve("noise2.mp4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatThrownBy(() -> prober.probe(file, new CancelHandle()))
                .isInstanceOf(UnsupportedMediaException.class)
                .message().doesNotContain(temp.toString());
    }

    private void assertUnsupported(Path file, String messagePart) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> prober.probe(file, new CancelHandle()))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining(messagePart);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
