package io.mediaconnector.storage;

/** The body did not match what the client declared about it; nothing was stored. */
public class ContentMismatchException extends BlobStoreException {

    /** Which declaration the body failed. */
    public enum Check { LENGTH, MD5, CRC64 }

    private final Check check;

    public ContentMismatchException(Check check, String message) {
        super(message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
