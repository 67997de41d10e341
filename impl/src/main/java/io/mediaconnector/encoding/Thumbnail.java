package io.mediaconnector.encoding;

/**
 * A JPEG still of the video.
 *
 * @param kind         {@link Kind#POSTER} (one per video) or {@link Kind#THUMBNAIL}
 * @param index        0 for the poster; 1..N for thumbnails in time order
 * @param timeSeconds  position in the video the picture was taken at
 * @param width        pixels
 * @param height       pixels
 * @param relativePath path relative to the output directory, e.g. {@code thumbnails/poster.jpg}
 */
public record Thumbnail(Kind kind, int index, double timeSeconds, int width, int height, String relativePath) {

    public enum Kind { POSTER, THUMBNAIL }
}
