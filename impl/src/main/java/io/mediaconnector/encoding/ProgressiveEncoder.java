package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/** Encodes one rendition into a progressive-download MP4 with the index up front ({@code +faststart}). */
final class ProgressiveEncoder {

    private final ProcessRunner runner;

    ProgressiveEncoder(ProcessRunner runner) {
        this.runner = runner;
    }

    void encode(Path input, ProbeResult probe, Rendition rendition, Path file, Duration timeout,
                CancelHandle cancel, IntConsumer percent) {
        FfmpegProgressParser progress = new FfmpegProgressParser(probe.durationSeconds(), percent);
        ProcessRunner.Outcome outcome = runner.ffmpeg(args(input, probe, rendition, file), timeout, cancel, progress::accept);
        if (!outcome.succeeded()) {
            throw new EncodingException("Encoding the MP4 download failed: " + outcome.stderrSummary());
        }
    }

    static List<String> args(Path input, ProbeResult probe, Rendition rendition, Path file) {
        FfmpegArgs args = FfmpegArgs.readingFrom(input).scaledVideo(List.of(rendition), "");
        if (probe.hasAudio()) {
            args.add("-map", "0:a:0").aacStereo();
        }
        return args.h264(probe.video().frameRate())
                .withoutSideStreams()
                .progressToStdout()
                .add("-movflags", "+faststart", "-f", "mp4", file.toString())
                .build();
    }
}
