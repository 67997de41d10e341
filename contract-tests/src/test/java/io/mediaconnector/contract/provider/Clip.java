package io.mediaconnector.contract.provider;

import io.mediaconnector.encoding.FfmpegBinaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short H.264/AAC test clip (test pattern + tone) made by the bundled ffmpeg, once per test JVM;
 * and a file that is no video at all.
 */
final class Clip {
    private static final Path FILE = Path.of("target/contract-clips/testsrc-320x240-3s.mp4").toAbsolutePath();

    private Clip() {
    }

    /** Text where a video should be: ffprobe reads no video in it. */
    static synchronized Path notAVideo() {
        Path file = FILE.resolveSibling("not-a-video.mp4");
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, "These bytes are not a video.\n".repeat(64));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized Path h264() {
        if (Files.exists(FILE)) {
            return FILE;
        }
        Path ffmpeg = FfmpegBinaries.bundled(Path.of("target/ffmpeg-cache").toAbsolutePath()).ffmpeg();
        Path partial = FILE.resolveSibling("partial-" + FILE.getFileName());
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=3", "-f", "lavfi", "-i", "sine=f=440:d=3",
                "-c:v", "libopenh264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", partial.toString()));
        try {
            Files.createDirectories(FILE.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("LD_LIBRARY_PATH", ffmpeg.getParent().toString());
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not make the test clip in time");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg could not make the test clip: " + output);
            }
            Files.move(partial, FILE);
            return FILE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
