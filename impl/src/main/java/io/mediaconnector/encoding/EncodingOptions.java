package io.mediaconnector.encoding;

import java.time.Duration;

/**
 * Settings of {@link EncodingPipeline}.
 *
 * @param thumbnailCount          number of evenly spaced thumbnails (0 for none)
 * @param posterMaxHeight         poster height in pixels, at most the video's
 * @param thumbnailMaxHeight      thumbnail height in pixels, at most the video's
 * @param probeTimeout            time limit of ffprobe
 * @param minimumProcessTimeout   time limit of any ffmpeg run, however short the video
 * @param processTimeoutPerSecond time added to an ffmpeg run's limit per second of video
 */
public record EncodingOptions(int thumbnailCount, int posterMaxHeight, int thumbnailMaxHeight,
                              Duration probeTimeout, Duration minimumProcessTimeout,
                              Duration processTimeoutPerSecond) {

    public EncodingOptions {
        if (thumbnailCount < 0 || posterMaxHeight < 2 || thumbnailMaxHeight < 2) {
            throw new IllegalArgumentException("thumbnailCount must be >= 0 and heights >= 2");
        }
    }

    public static EncodingOptions defaults() {
        return new EncodingOptions(5, 720, 240, Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofSeconds(20));
    }

    /** Time limit of one ffmpeg run over a video of {@code durationSeconds}. */
    public Duration processTimeout(double durationSeconds) {
        long extraMillis = Math.round(processTimeoutPerSecond.toMillis() * Math.max(0, durationSeconds));
        return minimumProcessTimeout.plusMillis(extraMillis);
    }
}
