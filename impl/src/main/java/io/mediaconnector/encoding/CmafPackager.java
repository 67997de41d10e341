package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Encodes once into CMAF (fragmented MP4) segments served by both an HLS master playlist and a
 * DASH manifest, written by ffmpeg's dash muxer in one run.
 */
final class CmafPackager {

    private final ProcessRunner runner;

    CmafPackager(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * Encodes every rendition of {@code ladder} (H.264 + AAC stereo) into {@code dir}.
     *
     * @return seconds of media written
     */
    double encode(Path input, ProbeResult probe, List<Rendition> ladder, Path dir, Duration timeout,
                CancelHandle cancel, IntConsumer percent) {
        List<String> args = encodeArgs(input, probe, ladder, dir);
        FfmpegProgressParser progress = new FfmpegProgressParser(probe.durationSeconds(), percent);
        ProcessRunner.Outcome outcome = runner.ffmpeg(args, timeout, cancel, progress::accept);
        if (!outcome.succeeded()) {
            throw new EncodingException("Encoding the adaptive streams failed: " + outcome.stderrSummary());
        }
        return progress.outTimeSeconds();
    }

    /**
     * Packages the source's own H.264/AAC streams without re-encoding (one rendition).
     *
     * @return seconds of media written, or -1 when ffmpeg could not do it (the caller then encodes instead)
     */
    double streamCopy(Path input, ProbeResult probe, Path dir, Duration timeout, CancelHandle cancel) {
        FfmpegProgressParser progress = new FfmpegProgressParser(probe.durationSeconds(), percent -> { });
        ProcessRunner.Outcome outcome = runner.ffmpeg(streamCopyArgs(input, probe, dir), timeout, cancel, progress::accept);
        return outcome.succeeded() ? progress.outTimeSeconds() : -1;
    }

    static List<String> encodeArgs(Path input, ProbeResult probe, List<Rendition> ladder, Path dir) {
        FfmpegArgs args = FfmpegArgs.readingFrom(input).scaledVideo(ladder, "");
        if (probe.hasAudio()) {
            args.add("-map", "0:a:0").aacStereo();
        }
        return args.h264(probe.video().frameRate())
                .withoutSideStreams()
                .progressToStdout()
                .cmafOutput(dir, probe.hasAudio(), true)
                .build();
    }

    static List<String> streamCopyArgs(Path input, ProbeResult probe, Path dir) {
        FfmpegArgs args = FfmpegArgs.readingFrom(input).add("-map", "0:v:0");
        if (probe.hasAudio()) {
            args.add("-map", "0:a:0");
        }
        return args.add("-c", "copy")
                .withoutSideStreams()
                .progressToStdout()
                .cmafOutput(dir, probe.hasAudio(), false)
                .build();
    }
}
