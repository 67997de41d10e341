package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Packages the already encoded ladder (the intermediate MP4 of {@link CmafPackager#encodeLadder})
 * into Smooth Streaming by stream copy: {@code video.ism/Manifest} plus
 * {@code QualityLevels(bitrate)/Fragments(video|audio=t)} as plain files, servable statically.
 * Fragments start at the ladder's keyframes, aligned every {@value FfmpegArgs#SEGMENT_SECONDS} s.
 *
 * <p>ffmpeg's smoothstreaming muxer writes a manifest without {@code t=} attributes, so players
 * compute fragment times from 0; AAC priming (the first audio packet at -1024 samples) would shift
 * the first fragment away from 0 and make {@code Fragments(video=0)} a 404. Filters cannot be used
 * with stream copy, so the {@code setts} bitstream filter makes each stream start at 0
 * ({@code TS-STARTPTS}), like {@code setpts=PTS-STARTPTS} / {@code asetpts=PTS-STARTPTS+1024/SR/TB}
 * did before encoding.
 */
final class SmoothStreamingPackager {

    private static final String MIN_FRAGMENT_MICROS = Integer.toString(FfmpegArgs.SEGMENT_SECONDS * 1_000_000);
    static final String FROM_ZERO = "setts=ts=TS-STARTPTS";

    private final ProcessRunner runner;

    SmoothStreamingPackager(ProcessRunner runner) {
        this.runner = runner;
    }

    void packageLadder(Path intermediate, ProbeResult probe, Path dir, Duration timeout, CancelHandle cancel) {
        ProcessRunner.Outcome outcome = runner.ffmpeg(args(intermediate, probe, dir), timeout, cancel, line -> { });
        if (!outcome.succeeded()) {
            throw new EncodingException("Packaging Smooth Streaming failed: " + outcome.stderrSummary());
        }
    }

    static List<String> args(Path intermediate, ProbeResult probe, Path dir) {
        FfmpegArgs args = FfmpegArgs.readingFrom(intermediate)
                .add("-map", "0", "-c", "copy", "-bsf:v", FROM_ZERO);
        if (probe.hasAudio()) {
            args.add("-bsf:a", FROM_ZERO);
        }
        return args.withoutSideStreams()
                .add("-f", "smoothstreaming", "-min_frag_duration", MIN_FRAGMENT_MICROS,
                        dir.resolve(EncodingLayout.SMOOTH_ISM).toString())
                .build();
    }
}
