package io.mediaconnector.encoding;

import java.util.Optional;

/**
 * What ffprobe found in an input that is a playable video.
 *
 * @param durationSeconds duration in seconds
 * @param sizeBytes       file size in bytes
 * @param formatName      container as ffprobe names it, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param video           the first video stream
 * @param audio           the first audio stream, or {@code null} when there is none
 */
public record ProbeResult(double durationSeconds, long sizeBytes, String formatName,
                          VideoStreamInfo video, AudioStreamInfo audio) {

    public Optional<AudioStreamInfo> audioStream() {
        return Optional.ofNullable(audio);
    }

    public boolean hasAudio() {
        return audio != null;
    }

    /**
     * True when browsers play the streams as they are: H.264 in 8-bit 4:2:0 without rotation
     * metadata, and AAC audio or no audio. Such a source can be packaged by stream copy.
     */
    public boolean isWebPlayable() {
        boolean videoOk = "h264".equals(video.codec())
                && ("yuv420p".equals(video.pixelFormat()) || "yuvj420p".equals(video.pixelFormat()))
                && video.rotation() == 0;
        boolean audioOk = audio == null || "aac".equals(audio.codec());
        return videoOk && audioOk;
    }
}
