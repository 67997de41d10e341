package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Writes the progressive-download MP4 with the index up front ({@code +faststart}): one video
 * rendition of the already encoded ladder plus its audio, by stream copy (no re-encoding).
 */
final class ProgressiveEncoder {

    private final ProcessRunner runner;

    ProgressiveEncoder(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * @param intermediate   the intermediate MP4 of {@link CmafPackager#encodeLadder}
     * @param renditionIndex index of the rendition in the ladder (its video stream's index there)
     */
    void remux(Path intermediate, ProbeResult probe, int renditionIndex, Path file, Duration timeout,
               CancelHandle cancel) {
        ProcessRunner.Outcome outcome = runner.ffmpeg(args(intermediate, probe, renditionIndex, file), timeout, cancel,
                line -> { });
        if (!outcome.succeeded()) {
            throw new EncodingException("Writing the MP4 download failed: " + outcome.stderrSummary());
        }
    }

    static List<String> args(Path intermediate, ProbeResult probe, int renditionIndex, Path file) {
        FfmpegArgs args = FfmpegArgs.readingFrom(intermediate).add("-map", "0:v:" + renditionIndex);
        if (probe.hasAudio()) {
            args.add("-map", "0:a:0");
        }
        return args.add("-c", "copy")
                .withoutSideStreams()
                .add("-movflags", "+faststart", "-f", "mp4", file.toString())
                .build();
    }
}
