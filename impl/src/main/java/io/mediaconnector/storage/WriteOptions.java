package io.mediaconnector.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Limits and checks for one streamed write. Every check runs before the bytes become visible;
 * a failing one stores nothing.
 *
 * @param maxBytes       more than this many bytes → {@link ContentTooLargeException}
 * @param expectedLength if present, a body of another length (e.g. a client that disconnected)
 *                       → {@link ContentMismatchException}
 * @param expectedMd5    if present, a body with another MD5 → {@link ContentMismatchException}
 * @param contentType    media type to store with a whole blob (ignored for blocks)
 * @param extraCheck     runs after the body was read completely, e.g. a CRC computed by a
 *                       wrapping stream; throws {@link ContentMismatchException} to refuse
 */
public record WriteOptions(long maxBytes, OptionalLong expectedLength, Optional<byte[]> expectedMd5,
                           String contentType, Runnable extraCheck) {

    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    public WriteOptions {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0");
        }
        Objects.requireNonNull(expectedLength, "expectedLength");
        Objects.requireNonNull(expectedMd5, "expectedMd5");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(extraCheck, "extraCheck");
        expectedMd5 = expectedMd5.map(byte[]::clone);
    }

    public static WriteOptions limitedTo(long maxBytes) {
        return new WriteOptions(maxBytes, OptionalLong.empty(), Optional.empty(), DEFAULT_CONTENT_TYPE, () -> { });
    }

    public WriteOptions withExpectedLength(long length) {
        return new WriteOptions(maxBytes, OptionalLong.of(length), expectedMd5, contentType, extraCheck);
    }

    public WriteOptions withExpectedMd5(byte[] md5) {
        return new WriteOptions(maxBytes, expectedLength, Optional.of(md5), contentType, extraCheck);
    }

    public WriteOptions withContentType(String type) {
        return new WriteOptions(maxBytes, expectedLength, expectedMd5, type, extraCheck);
    }

    public WriteOptions withExtraCheck(Runnable check) {
        return new WriteOptions(maxBytes, expectedLength, expectedMd5, contentType, check);
    }
}
