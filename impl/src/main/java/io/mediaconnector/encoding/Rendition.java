package io.mediaconnector.encoding;

/**
 * One rung of the ladder.
 *
 * @param name            e.g. {@code 720p}: the rung's short side (the height of a landscape video,
 *                        the width of a portrait one)
 * @param width           output width in pixels (even)
 * @param height          output height in pixels (even)
 * @param videoBitrate    target video bitrate in bits per second
 */
public record Rendition(String name, int width, int height, int videoBitrate) {
}
