package io.mediaconnector.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared by the tests: the bundled ffmpeg (extracted once under {@code target/}) and short clips
 * made by ffmpeg, generated once per test JVM.
 */
final class TestMedia {

    static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path CLIPS = TARGET.resolve("test-clips");
    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();
    private static volatile FfmpegBinaries binaries;

    private TestMedia() {
    }

    static FfmpegBinaries binaries() {
        if (binaries == null) {
            synchronized (TestMedia.class) {
                if (binaries == null) {
                    FfmpegBinaries found = FfmpegBinaries.bundled(TARGET.resolve("ffmpeg-cache"));
                    found.verify();
                    binaries = found;
                }
            }
        }
        return binaries;
    }

    /** The pipeline with the bundled ffmpeg and default options; its IVs come from a seeded generator. */
    static EncodingPipeline pipeline() {
        return new EncodingPipeline(binaries(), EncodingOptions.defaults(), new Random(20261126L));
    }

    static ProcessRunner runner() {
        return new ProcessRunner(binaries());
    }

    /** 640x360 16:9, MPEG-4 Part 2 + AAC, 4 s; black for the first 2 s (poster test). */
    static Path landscapeStartingBlack() {
        return clip("landscape-black.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4,fade=t=in:st=2:d=0.1",
                "-f", "lavfi", "-i", "sine=f=440:d=4", "-c:v", "mpeg4", "-q:v", "4", "-c:a", "aac", "-shortest");
    }

    /** 480x360 4:3 SMPTE bars, MPEG-4 Part 2 + MP3 in AVI, 4 s. */
    static Path fourByThree() {
        return clip("four-by-three.avi", "-f", "lavfi", "-i", "smptebars=s=480x360:r=25:d=4",
                "-f", "lavfi", "-i", "sine=f=660:d=4", "-c:v", "mpeg4", "-q:v", "4", "-c:a", "mp3", "-shortest");
    }

    /** 640x360 H.264 (openh264, yuv420p) + AAC, 4 s: web-playable, so the preview is a stream copy. */
    static Path h264Aac() {
        return clip("h264-aac.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4",
                "-f", "lavfi", "-i", "sine=f=440:d=4", "-c:v", "libopenh264", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest");
    }

    /** The H.264 clip with a 90° display matrix: displayed as 360x640 portrait. */
    static Path portrait() {
        Path source = h264Aac();
        return made("portrait-rotated.mp4", target -> ffmpeg("-display_rotation", "90", "-i", source.toString(),
                "-c", "copy", target.toString()));
    }

    /** 640x360 MPEG-4 Part 2, no audio, 4 s. */
    static Path noAudio() {
        return clip("no-audio.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4", "-c:v", "mpeg4", "-q:v", "4");
    }

    /** 641x361 (odd sizes) MPEG-4 Part 2 + AAC in Matroska, 4 s. */
    static Path oddSized() {
        return clip("odd-641x361.mkv", "-f", "lavfi", "-i", "testsrc2=s=641x361:r=25:d=4",
                "-f", "lavfi", "-i", "sine=f=330:d=4", "-c:v", "mpeg4", "-q:v", "4", "-c:a", "aac", "-shortest");
    }

    /** Variable frame rate: 30 fps for 2 s, then 10 fps for 2 s; with audio. */
    static Path variableFrameRate() {
        return clip("vfr.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=4,select='lt(t\\,2)+not(mod(n\\,3))'",
                "-f", "lavfi", "-i", "sine=f=550:d=4", "-fps_mode", "vfr", "-c:v", "mpeg4", "-q:v", "4",
                "-c:a", "aac", "-shortest");
    }

    /** 1280x720 MPEG-4 Part 2 + AAC, 4 s: a four-rung ladder. */
    static Path hd720() {
        return clip("hd-1280x720.mp4", "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=4",
                "-f", "lavfi", "-i", "sine=f=440:d=4", "-c:v", "mpeg4", "-q:v", "5", "-c:a", "aac", "-shortest");
    }

    /** A single JPEG picture, named {@code .mp4}. */
    static Path jpegNamedMp4() {
        return clip("picture.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x240:d=1", "-frames:v", "1", "-f", "mjpeg");
    }

    static Path clip(String name, String... args) {
        return made(name, target -> {
            List<String> all = new ArrayList<>(Arrays.asList(args));
            all.add(target.toString());
            ffmpeg(all.toArray(String[]::new));
        });
    }

    interface Maker {
        void make(Path target);
    }

    static Path made(String name, Maker maker) {
        return MADE.computeIfAbsent(name, n -> {
            try {
                Files.createDirectories(CLIPS);
                Path target = CLIPS.resolve(n);
                if (!Files.exists(target)) {
                    Path partial = CLIPS.resolve("partial-" + n);
                    maker.make(partial);
                    Files.move(partial, target);
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs the bundled ffmpeg; fails the test when it fails. */
    static void ffmpeg(String... args) {
        List<String> all = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        all.addAll(Arrays.asList(args));
        ProcessRunner.Outcome outcome = runner().ffmpeg(all, Duration.ofSeconds(60), new CancelHandle(), line -> { });
        if (!outcome.succeeded()) {
            throw new IllegalStateException("ffmpeg " + all + " failed: " + outcome.stderrSummary());
        }
    }

    /** Runs the bundled ffprobe and returns its stdout. */
    static String ffprobe(String... args) {
        StringBuilder out = new StringBuilder();
        ProcessRunner.Outcome outcome = runner().ffprobe(List.of(args), Duration.ofSeconds(30), new CancelHandle(),
                line -> out.append(line).append('\n'));
        if (!outcome.succeeded()) {
            throw new IllegalStateException("ffprobe " + Arrays.toString(args) + " failed: " + outcome.stderrSummary());
        }
        return out.toString();
    }
}
