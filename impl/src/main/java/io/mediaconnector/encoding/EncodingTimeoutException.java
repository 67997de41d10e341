package io.mediaconnector.encoding;

/** An ffmpeg or ffprobe process ran longer than its time limit and was killed. */
public class EncodingTimeoutException extends EncodingException {

    public EncodingTimeoutException(String message) {
        super(message);
    }
}
