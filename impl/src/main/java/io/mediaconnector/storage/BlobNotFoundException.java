package io.mediaconnector.storage;

/** The blob (or container) does not exist. */
public class BlobNotFoundException extends BlobStoreException {

    public BlobNotFoundException(String message) {
        super(message);
    }
}
