package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * CMAF (fragmented MP4) segments served by both an HLS master playlist and a DASH manifest,
 * written by ffmpeg's dash muxer. The full ladder is encoded once into an intermediate MP4
 * ({@link #encodeLadder}) and packaged from it by stream copy ({@link #packageLadder}), as are Smooth
 * Streaming and the progressive MP4; the preview is packaged or encoded directly.
 */
final class CmafPackager {

    private final ProcessRunner runner;

    CmafPackager(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * Encodes every rendition of {@code ladder} in one ffmpeg run (one decode, split/scale, aligned
     * keyframes every {@value FfmpegArgs#SEGMENT_SECONDS} s) into one intermediate MP4: video
     * streams highest first, then the audio.
     *
     * @return seconds of media written
     */
    double encodeLadder(Path input, ProbeResult probe, List<Rendition> ladder, Path intermediate, Duration timeout,
                        CancelHandle cancel, IntConsumer percent) {
        return run(ladderArgs(input, probe, ladder, intermediate), probe, timeout, cancel, percent, "Encoding the ladder");
    }

    /**
     * Like {@link #encodeLadder} without audio: the upper renditions, when the lowest one and the
     * audio were already encoded for the preview ({@link #merge} joins them).
     *
     * @return seconds of media written
     */
    double encodeLadderVideo(Path input, ProbeResult probe, List<Rendition> ladder, Path out, Duration timeout,
                             CancelHandle cancel, IntConsumer percent) {
        return run(ladderVideoArgs(input, probe, ladder, out), probe, timeout, cancel, percent, "Encoding the ladder");
    }

    /**
     * Joins, by stream copy, the upper renditions ({@link #encodeLadderVideo}) and the lowest one
     * with the audio ({@link #encodeLadder} of one rendition) into the layout of {@link #encodeLadder}:
     * video streams highest first, then the audio. Both were encoded from the same input with
     * keyframes at the same instants, so the renditions stay aligned.
     */
    void merge(Path upper, Path lowest, ProbeResult probe, Path intermediate, Duration timeout, CancelHandle cancel) {
        ProcessRunner.Outcome outcome = runner.ffmpeg(mergeArgs(upper, lowest, probe, intermediate), timeout, cancel,
                line -> { });
        if (!outcome.succeeded()) {
            throw new EncodingException("Joining the renditions failed: " + outcome.stderrSummary());
        }
    }

    /** Packages the intermediate MP4 of {@link #encodeLadder} into CMAF + manifests in {@code dir}, by stream copy. */
    void packageLadder(Path intermediate, ProbeResult probe, Path dir, Duration timeout, CancelHandle cancel) {
        ProcessRunner.Outcome outcome = runner.ffmpeg(packageArgs(intermediate, probe, dir), timeout, cancel, line -> { });
        if (!outcome.succeeded()) {
            throw new EncodingException("Packaging the adaptive streams failed: " + outcome.stderrSummary());
        }
    }

    /** Like {@link #packageLadder}, DASH only and CENC-encrypted under {@code protection}. */
    void packageLadderCenc(Path intermediate, ProbeResult probe, ContentProtection protection, Path dir,
                           Duration timeout, CancelHandle cancel) {
        ProcessRunner.Outcome outcome = runner.ffmpeg(cencPackageArgs(intermediate, probe, protection, dir),
                timeout, cancel, line -> { });
        if (!outcome.succeeded()) {
            throw new EncodingException("Packaging the encrypted DASH streams failed: " + outcome.stderrSummary());
        }
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

    private double run(List<String> args, ProbeResult probe, Duration timeout, CancelHandle cancel, IntConsumer percent,
                       String what) {
        FfmpegProgressParser progress = new FfmpegProgressParser(probe.durationSeconds(), percent);
        ProcessRunner.Outcome outcome = runner.ffmpeg(args, timeout, cancel, progress::accept);
        if (!outcome.succeeded()) {
            throw new EncodingException(what + " failed: " + outcome.stderrSummary());
        }
        return progress.outTimeSeconds();
    }

    static List<String> ladderArgs(Path input, ProbeResult probe, List<Rendition> ladder, Path intermediate) {
        return encoded(input, probe, ladder)
                .add("-f", "mp4", intermediate.toString())
                .build();
    }

    static List<String> ladderVideoArgs(Path input, ProbeResult probe, List<Rendition> ladder, Path out) {
        return encoded(input, probe, ladder, false)
                .add("-f", "mp4", out.toString())
                .build();
    }

    static List<String> mergeArgs(Path upper, Path lowest, ProbeResult probe, Path intermediate) {
        FfmpegArgs args = FfmpegArgs.readingFrom(upper)
                .add("-protocol_whitelist", "file", "-i", lowest.toAbsolutePath().toString())
                .add("-map", "0:v", "-map", "1:v");
        if (probe.hasAudio()) {
            args.add("-map", "1:a");
        }
        return args.add("-c", "copy")
                .withoutSideStreams()
                .add("-f", "mp4", intermediate.toString())
                .build();
    }

    static List<String> packageArgs(Path intermediate, ProbeResult probe, Path dir) {
        return FfmpegArgs.readingFrom(intermediate)
                .add("-map", "0", "-c", "copy")
                .withoutSideStreams()
                .cmafOutput(dir, probe.hasAudio(), true)
                .build();
    }

    static List<String> cencPackageArgs(Path intermediate, ProbeResult probe, ContentProtection protection, Path dir) {
        return FfmpegArgs.readingFrom(intermediate)
                .add("-map", "0", "-c", "copy")
                .withoutSideStreams()
                .cencDashOutput(dir, probe.hasAudio(), protection)
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

    private static FfmpegArgs encoded(Path input, ProbeResult probe, List<Rendition> ladder) {
        return encoded(input, probe, ladder, true);
    }

    private static FfmpegArgs encoded(Path input, ProbeResult probe, List<Rendition> ladder, boolean withAudio) {
        FfmpegArgs args = FfmpegArgs.readingFrom(input).scaledVideo(ladder, "");
        if (withAudio && probe.hasAudio()) {
            args.add("-map", "0:a:0").aacStereo();
        }
        return args.h264(probe.video().frameRate())
                .withoutSideStreams()
                .progressToStdout();
    }
}
