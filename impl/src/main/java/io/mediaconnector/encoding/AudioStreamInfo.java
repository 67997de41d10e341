package io.mediaconnector.encoding;

/**
 * The first audio stream of an input.
 *
 * @param codec    ffprobe codec name, e.g. {@code aac}
 * @param channels number of channels; 0 when unknown
 */
public record AudioStreamInfo(String codec, int channels) {
}
