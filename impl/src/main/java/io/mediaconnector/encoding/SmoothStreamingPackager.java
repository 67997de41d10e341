package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Encodes the ladder into Smooth Streaming: {@code video.ism/Manifest} plus
 * {@code QualityLevels(bitrate)/Fragments(video|audio=t)} as plain files, servable statically.
 *
 * <p>ffmpeg's smoothstreaming muxer writes a manifest without {@code t=} attributes, so players
 * compute fragment times from 0; AAC priming would shift the first fragment away from 0 and make
 * {@code Fragments(video=0)} a 404. Hence timestamps start at 0 ({@code setpts=PTS-STARTPTS}) and
 * audio is shifted by one AAC frame ({@code asetpts=PTS-STARTPTS+1024/SR/TB}).
 */
final class SmoothStreamingPackager {

    private static final String MIN_FRAGMENT_MICROS = Integer.toString(FfmpegArgs.SEGMENT_SECONDS * 1_000_000);

    private final ProcessRunner runner;

    SmoothStreamingPackager(ProcessRunner runner) {
        this.runner = runner;
    }

    void encode(Path input, ProbeResult probe, List<Rendition> ladder, Path dir, Duration timeout,
                CancelHandle cancel, IntConsumer percent) {
        FfmpegProgressParser progress = new FfmpegProgressParser(probe.durationSeconds(), percent);
        ProcessRunner.Outcome outcome = runner.ffmpeg(args(input, probe, ladder, dir), timeout, cancel, progress::accept);
        if (!outcome.succeeded()) {
            throw new EncodingException("Encoding Smooth Streaming failed: " + outcome.stderrSummary());
        }
    }

    static List<String> args(Path input, ProbeResult probe, List<Rendition> ladder, Path dir) {
        FfmpegArgs args = FfmpegArgs.readingFrom(input).scaledVideo(ladder, "setpts=PTS-STARTPTS");
        if (probe.hasAudio()) {
            args.add("-filter_complex", "[0:a:0]asetpts=PTS-STARTPTS+1024/SR/TB[a]", "-map", "[a]").aacStereo();
        }
        return args.h264(probe.video().frameRate())
                .withoutSideStreams()
                .progressToStdout()
                .add("-f", "smoothstreaming", "-min_frag_duration", MIN_FRAGMENT_MICROS,
                        dir.resolve(EncodingLayout.SMOOTH_ISM).toString())
                .build();
    }
}
