package io.mediaconnector.encoding;

/** The input is not a video this service can encode (no decodable video stream, a still image, garbage). */
public class UnsupportedMediaException extends EncodingException {

    public UnsupportedMediaException(String message) {
        super(message);
    }
}
