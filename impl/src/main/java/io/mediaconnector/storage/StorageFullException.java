package io.mediaconnector.storage;

/** The store has no room for the write (or keeps what is left for others); nothing was stored. */
public class StorageFullException extends BlobStoreException {

    public StorageFullException(String message) {
        super(message);
    }
}
