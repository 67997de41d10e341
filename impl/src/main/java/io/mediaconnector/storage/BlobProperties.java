package io.mediaconnector.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about a committed blob.
 *
 * @param length       size in bytes
 * @param contentMd5   16-byte MD5 of the content when known (always for {@code putBlob}; for a
 *                     committed block list, the one the client supplied, else empty, as in Azure)
 * @param etag         opaque, quoted entity tag; changes whenever the content is replaced
 * @param lastModified when the content was last replaced
 * @param contentType  stored media type, {@code application/octet-stream} by default
 */
public record BlobProperties(long length, Optional<byte[]> contentMd5, String etag, Instant lastModified,
                             String contentType) {

    public BlobProperties {
        Objects.requireNonNull(contentMd5, "contentMd5");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(contentType, "contentType");
        contentMd5 = contentMd5.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> contentMd5() {
        return contentMd5.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobProperties p && length == p.length
                && Arrays.equals(contentMd5.orElse(null), p.contentMd5.orElse(null))
                && etag.equals(p.etag) && lastModified.equals(p.lastModified) && contentType.equals(p.contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(length, etag, lastModified, contentType);
    }
}
