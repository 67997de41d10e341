package io.mediaconnector.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * An open read of a blob: {@code length} bytes starting at {@code offset} of a blob described by
 * {@code properties}. The caller closes it.
 */
public record BlobRead(BlobProperties properties, long offset, long length, InputStream content)
        implements AutoCloseable {

    /** Whether this read covers only part of the blob. */
    public boolean isPartial() {
        return offset != 0 || length != properties.length();
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
