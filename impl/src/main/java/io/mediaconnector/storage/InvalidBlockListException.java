package io.mediaconnector.storage;

/** A block list that references a block which is neither staged nor committed. */
public class InvalidBlockListException extends BlobStoreException {

    public InvalidBlockListException(String message) {
        super(message);
    }
}
