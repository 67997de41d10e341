package io.mediaconnector.encoding;

/** ffmpeg or ffprobe cannot be started on this machine; the message names the fix. */
public class FfmpegUnavailableException extends EncodingException {

    public FfmpegUnavailableException(String message) {
        super(message);
    }

    public FfmpegUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
