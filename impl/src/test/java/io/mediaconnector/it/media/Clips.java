package io.mediaconnector.it.media;

import io.mediaconnector.encoding.FfmpegBinaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test clips made by the bundled ffmpeg (test pattern + tone), once per test JVM, and ffprobe checks. */
public final class Clips {
    private static final Path DIR = Path.of("target/it-clips").toAbsolutePath();
    private static FfmpegBinaries binaries;

    private Clips() {
    }

    static synchronized FfmpegBinaries binaries() {
        if (binaries == null) {
            binaries = FfmpegBinaries.bundled(Path.of("target/ffmpeg-cache").toAbsolutePath());
        }
        return binaries;
    }

    /** 16:9 H.264/AAC: web-playable, so the preview is the source packaged as-is. */
    public static Path landscapeH264() {
        return make("landscape-h264.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4", "-f", "lavfi",
                "-i", "sine=f=440:d=4", "-c:v", "libopenh264", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac",
                "-shortest");
    }

    /** 4:3 MPEG-4 Part 2 + MP3 in AVI: not web-playable, so the lowest rung is encoded first. */
    public static Path fourByThree() {
        return make("four-by-three.avi", "-f", "lavfi", "-i", "smptebars=s=480x360:r=25:d=4", "-f", "lavfi",
                "-i", "sine=f=660:d=4", "-c:v", "mpeg4", "-q:v", "4", "-c:a", "mp3", "-shortest");
    }

    /** Portrait by a display rotation of 90°. */
    public static Path portrait() {
        Path source = make("portrait-source.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4", "-f", "lavfi",
                "-i", "sine=f=550:d=4", "-c:v", "mpeg4", "-q:v", "4", "-c:a", "aac", "-shortest");
        return makeFrom("portrait.mp4", List.of("-display_rotation", "90", "-i", source.toString(), "-c", "copy"));
    }

    public static Path noAudio() {
        return make("no-audio.mkv", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=4", "-c:v", "mpeg4", "-q:v", "4");
    }

    /** 30 s of 1280x720: long enough to be caught mid-encode. */
    public static Path longHd() {
        return make("long-hd.mp4", "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=30", "-f", "lavfi",
                "-i", "sine=f=440:d=30", "-c:v", "mpeg4", "-q:v", "6", "-c:a", "aac", "-shortest");
    }

    public static Path jpeg() {
        return make("picture.jpg", "-f", "lavfi", "-i", "testsrc2=s=320x240:d=1", "-frames:v", "1", "-f", "mjpeg");
    }

    private static Path make(String name, String... args) {
        return makeFrom(name, List.of(args));
    }

    private static synchronized Path makeFrom(String name, List<String> args) {
        Path target = DIR.resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        try {
            Files.createDirectories(DIR);
            Path partial = DIR.resolve(name + ".part" + name.substring(name.lastIndexOf('.')));
            List<String> command = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-y"));
            command.addAll(args);
            command.add(partial.toString());
            Result result = run(binaries().ffmpeg(), command);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("ffmpeg could not make " + name + ": " + result.output());
            }
            Files.move(partial, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds of the file's container duration. */
    public static double duration(Path file) {
        Result result = run(binaries().ffprobe(), List.of("-v", "error", "-show_entries", "format=duration",
                "-of", "default=nw=1:nk=1", file.toString()));
        if (result.exitCode() != 0) {
            throw new AssertionError("ffprobe cannot read " + file + ": " + result.output());
        }
        return Double.parseDouble(result.output().trim());
    }

    /** Whether ffmpeg decodes every frame of the file without an error. */
    public static Result decode(Path file) {
        return run(binaries().ffmpeg(), List.of("-v", "error", "-xerror", "-i", file.toString(), "-f", "null", "-"));
    }

    public record Result(int exitCode, String output) {
    }

    static Result run(Path executable, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", executable.getParent().toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
