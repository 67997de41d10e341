package io.mediaconnector.storage;

/** A container, blob, prefix or block name that could escape or confuse the store. */
public class InvalidBlobNameException extends BlobStoreException {

    public InvalidBlobNameException(String message) {
        super(message);
    }
}
