package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Builds ffmpeg argument lists; the parts every command here shares live in one place. */
final class FfmpegArgs {

    static final String VIDEO_ENCODER = "libopenh264";
    static final String AUDIO_BITRATE = "128k";
    static final int SEGMENT_SECONDS = 2;
    /**
     * Scaler of the ladder: bilinear (a proper area filter when downscaling in swscale, unlike
     * {@code fast_bilinear}) costs about a third less CPU than the default bicubic for 4 rungs.
     */
    static final String SCALE_FLAGS = "bilinear";

    private final List<String> args = new ArrayList<>();

    private FfmpegArgs() {
    }

    /** {@code -nostdin ... -i input}: only local files may be opened while reading the input. */
    static FfmpegArgs readingFrom(Path input) {
        return new FfmpegArgs().add("-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-protocol_whitelist", "file", "-i", input.toAbsolutePath().toString());
    }

    /** Like {@link #readingFrom(Path)} with a fast input seek before the input. */
    static FfmpegArgs readingFrom(Path input, double seekSeconds) {
        return new FfmpegArgs().add("-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-ss", seconds(seekSeconds),
                "-protocol_whitelist", "file", "-i", input.toAbsolutePath().toString());
    }

    FfmpegArgs add(String... values) {
        Collections.addAll(args, values);
        return this;
    }

    /** No metadata, chapters, data or subtitle streams from the upload end up in the outputs. */
    FfmpegArgs withoutSideStreams() {
        return add("-map_metadata", "-1", "-map_chapters", "-1", "-dn", "-sn");
    }

    /** H.264 with a keyframe every {@value #SEGMENT_SECONDS} s, the same instants in every rendition. */
    FfmpegArgs h264(double frameRate) {
        int gop = (int) Math.max(1, Math.round(effectiveFrameRate(frameRate) * SEGMENT_SECONDS));
        return add("-c:v", VIDEO_ENCODER, "-profile:v", "high",
                "-g", Integer.toString(gop),
                "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")");
    }

    FfmpegArgs aacStereo() {
        return add("-c:a", "aac", "-ac", "2", "-b:a", AUDIO_BITRATE);
    }

    /**
     * CMAF segments with DASH and HLS manifests from one muxer: {@code manifest.mpd} and
     * {@code master.m3u8}. With {@code keyframesForced} every segment lasts exactly
     * {@value #SEGMENT_SECONDS} s and the MPD can say so with a plain template; otherwise (stream
     * copy, where segments end at the source's own keyframes) the MPD lists each segment's actual
     * duration in a SegmentTimeline, or DASH players would ask for segments that do not exist.
     */
    FfmpegArgs cmafOutput(Path dir, boolean withAudio, boolean keyframesForced) {
        return add("-f", "dash", "-seg_duration", Integer.toString(SEGMENT_SECONDS),
                "-use_template", "1", "-use_timeline", keyframesForced ? "0" : "1",
                "-adaptation_sets", withAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                "-hls_playlist", "1", "-hls_master_name", EncodingLayout.HLS_MASTER,
                dir.resolve(EncodingLayout.DASH_MANIFEST).toString());
    }

    /**
     * DASH only ({@code manifest.mpd}, no HLS playlists), every segment CENC-encrypted
     * ({@code cenc-aes-ctr}) under {@code protection}'s key with its key ID in the {@code tenc} box.
     * ffmpeg writes neither {@code pssh} nor {@code ContentProtection}: see {@link DashContentProtection}.
     */
    FfmpegArgs cencDashOutput(Path dir, boolean withAudio, ContentProtection protection) {
        return add("-f", "dash", "-seg_duration", Integer.toString(SEGMENT_SECONDS),
                "-use_template", "1", "-use_timeline", "0",
                "-adaptation_sets", withAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                "-hls_playlist", "0",
                "-format_options", "encryption_scheme=cenc-aes-ctr:encryption_key=" + protection.keyHex()
                        + ":encryption_kid=" + protection.keyIdHex(),
                dir.resolve(EncodingLayout.DASH_MANIFEST).toString());
    }

    /**
     * {@code -filter_complex} that scales the first video stream to every rendition, outputs
     * labelled {@code [v0]}, {@code [v1]}, ... (bilinear, see {@link #SCALE_FLAGS}); {@code extraVideoFilter} (may be empty) is appended
     * to each chain. Scaling goes to the exact even size the planner chose; the scaler keeps the
     * display aspect through the sample aspect ratio (no {@code setsar=1}: the dash muxer refuses
     * renditions whose aspect ratios then differ).
     */
    FfmpegArgs scaledVideo(List<Rendition> renditions, String extraVideoFilter) {
        StringBuilder graph = new StringBuilder("[0:v:0]");
        if (renditions.size() > 1) {
            graph.append("split=").append(renditions.size());
            for (int i = 0; i < renditions.size(); i++) {
                graph.append("[s").append(i).append(']');
            }
        }
        for (int i = 0; i < renditions.size(); i++) {
            Rendition r = renditions.get(i);
            if (renditions.size() > 1) {
                graph.append(";[s").append(i).append(']');
            }
            graph.append("scale=").append(r.width()).append(':').append(r.height())
                    .append(":flags=").append(SCALE_FLAGS).append(",format=yuv420p");
            if (!extraVideoFilter.isEmpty()) {
                graph.append(',').append(extraVideoFilter);
            }
            graph.append("[v").append(i).append(']');
        }
        add("-filter_complex", graph.toString());
        for (int i = 0; i < renditions.size(); i++) {
            add("-map", "[v" + i + "]");
        }
        for (int i = 0; i < renditions.size(); i++) {
            add("-b:v:" + i, kbps(renditions.get(i).videoBitrate()));
        }
        return this;
    }

    FfmpegArgs progressToStdout() {
        return add("-progress", "pipe:1", "-nostats");
    }

    List<String> build() {
        return List.copyOf(args);
    }

    static String kbps(int bitsPerSecond) {
        return Math.max(1, bitsPerSecond / 1000) + "k";
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, value));
    }

    private static double effectiveFrameRate(double frameRate) {
        return frameRate > 0 && frameRate <= 240 ? frameRate : 25;
    }
}
