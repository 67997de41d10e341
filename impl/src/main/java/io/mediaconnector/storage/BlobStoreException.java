package io.mediaconnector.storage;

/** Base of the store's domain failures; I/O failures are IOExceptions instead. */
public class BlobStoreException extends RuntimeException {

    public BlobStoreException(String message) {
        super(message);
    }
}
