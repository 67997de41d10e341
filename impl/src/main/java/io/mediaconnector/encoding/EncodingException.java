package io.mediaconnector.encoding;

/**
 * Base of every failure of the encoding library. The message is written for a person (it ends up
 * in a video's Status {@code Message}); technical detail goes into the cause or the log.
 */
public class EncodingException extends RuntimeException {

    public EncodingException(String message) {
        super(message);
    }

    public EncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
