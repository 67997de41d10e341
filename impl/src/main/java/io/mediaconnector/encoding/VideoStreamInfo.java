package io.mediaconnector.encoding;

/**
 * The first video stream of an input, as ffprobe reports it.
 *
 * @param codec       ffprobe codec name, e.g. {@code h264}
 * @param profile     codec profile, e.g. {@code High}; empty when unknown
 * @param width       coded width in pixels (before rotation)
 * @param height      coded height in pixels (before rotation)
 * @param rotation    display rotation in degrees, normalised to 0, 90, 180 or 270
 * @param frameRate   average frame rate (frames per second); 0 when unknown
 * @param pixelFormat e.g. {@code yuv420p}; empty when unknown
 */
public record VideoStreamInfo(String codec, String profile, int width, int height, int rotation,
                              double frameRate, String pixelFormat) {

    /** Width as shown to the viewer (after rotation). */
    public int displayWidth() {
        return quarterTurn() ? height : width;
    }

    /** Height as shown to the viewer (after rotation). */
    public int displayHeight() {
        return quarterTurn() ? width : height;
    }

    private boolean quarterTurn() {
        return rotation == 90 || rotation == 270;
    }
}
