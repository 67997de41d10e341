package io.mediaconnector.storage;

/** A read range that starts at or past the end of the blob. */
public class InvalidRangeException extends BlobStoreException {

    public InvalidRangeException(String message) {
        super(message);
    }
}
