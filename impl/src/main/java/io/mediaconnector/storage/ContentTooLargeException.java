package io.mediaconnector.storage;

/** A body or committed blob over the configured maximum; nothing was stored. */
public class ContentTooLargeException extends BlobStoreException {

    public ContentTooLargeException(String message) {
        super(message);
    }
}
