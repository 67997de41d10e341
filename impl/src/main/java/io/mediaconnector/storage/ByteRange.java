package io.mediaconnector.storage;

import java.util.OptionalLong;

/** An HTTP-style inclusive byte range; without {@code last} it runs to the end of the blob. */
public record ByteRange(long first, OptionalLong last) {

    public ByteRange {
        if (first < 0) {
            throw new IllegalArgumentException("range start must be >= 0: " + first);
        }
        if (last.isPresent() && last.getAsLong() < first) {
            throw new IllegalArgumentException("range end " + last.getAsLong() + " before start " + first);
        }
    }

    public static ByteRange from(long first) {
        return new ByteRange(first, OptionalLong.empty());
    }

    public static ByteRange of(long first, long last) {
        return new ByteRange(first, OptionalLong.of(last));
    }
}
