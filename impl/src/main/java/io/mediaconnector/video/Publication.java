package io.mediaconnector.video;

import java.util.List;
import java.util.Optional;

/**
 * What encoding has published for a video: under which unguessable locator its outputs are
 * served, which output set is current (the early preview or the final ladder), its renditions
 * and its thumbnails.
 */
public record Publication(Optional<String> locator, Optional<OutputSet> outputSet,
                          List<PublishedRendition> renditions, List<PublishedThumbnail> thumbnails) {

    public static final Publication NONE = new Publication(Optional.empty(), Optional.empty(), List.of(), List.of());

    public Publication {
        renditions = List.copyOf(renditions);
        thumbnails = List.copyOf(thumbnails);
    }

    public enum OutputSet {
        /** Playable early: the source packaged as-is, or its lowest rung; HLS and DASH only. */
        PREVIEW,
        /** The whole ladder: HLS, DASH, Smooth Streaming, progressive MP4 and thumbnails. */
        FINAL
    }

    public record PublishedRendition(int width, int height, int bitrate) {
    }

    /** A JPEG still; {@code path} is relative to the video's published outputs. */
    public record PublishedThumbnail(boolean poster, int index, int timeSeconds, int width, int height, String path) {
    }
}
