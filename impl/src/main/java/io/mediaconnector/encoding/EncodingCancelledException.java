package io.mediaconnector.encoding;

/** The work was cancelled through its {@link CancelHandle}; any running ffmpeg was killed. */
public class EncodingCancelledException extends EncodingException {

    public EncodingCancelledException(String message) {
        super(message);
    }
}
