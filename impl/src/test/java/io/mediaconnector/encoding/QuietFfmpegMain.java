package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for the service in {@link ParentDeathSignalIT}: starts one ffmpeg the way the service
 * does and waits for it, on the thread that started it. The ffmpeg writes to no pipe (its output
 * goes to a file, its messages nowhere), so nothing but a signal stops it early.
 * Arguments: the ffmpeg cache directory, the output file.
 */
public final class QuietFfmpegMain {
    private QuietFfmpegMain() {
    }

    public static void main(String[] args) throws Exception {
        FfmpegBinaries binaries = FfmpegBinaries.bundled(Path.of(args[0]));
        Process ffmpeg = binaries.processBuilder(binaries.ffmpeg(), List.of("-nostdin", "-hide_banner", "-loglevel", "quiet",
                        "-y", "-re", "-f", "lavfi", "-i", "testsrc2=s=160x120:d=120", "-c:v", "mpeg4", "-f", "nut", args[1]))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        System.out.println("ffmpeg " + ffmpeg.pid());
        System.exit(ffmpeg.waitFor());
    }
}
