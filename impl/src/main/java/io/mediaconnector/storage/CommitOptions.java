package io.mediaconnector.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Limits and declarations for committing a block list.
 *
 * @param maxBytes    a committed blob larger than this → {@link ContentTooLargeException}
 * @param contentMd5  MD5 to record for the blob as given by the client (Azure's
 *                    {@code x-ms-blob-content-md5}); if empty the blob has no MD5 (the
 *                    store does not read the data back to compute one, nor does Azure)
 * @param contentType media type to store
 */
public record CommitOptions(long maxBytes, Optional<byte[]> contentMd5, String contentType) {

    public CommitOptions {
        Objects.requireNonNull(contentMd5, "contentMd5");
        Objects.requireNonNull(contentType, "contentType");
        contentMd5 = contentMd5.map(byte[]::clone);
    }

    public static CommitOptions limitedTo(long maxBytes) {
        return new CommitOptions(maxBytes, Optional.empty(), WriteOptions.DEFAULT_CONTENT_TYPE);
    }
}
