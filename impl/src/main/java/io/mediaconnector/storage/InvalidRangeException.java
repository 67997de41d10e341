package io.mediaconnector.storage;

/** A read range that selects none of the blob's bytes: it starts at or past the end (416). */
public class InvalidRangeException extends BlobStoreException {

    public InvalidRangeException(String message) {
        super(message);
    }
}
