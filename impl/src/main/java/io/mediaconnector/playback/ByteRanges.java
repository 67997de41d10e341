package io.mediaconnector.playback;

import io.mediaconnector.storage.ByteRange;
import io.mediaconnector.storage.InvalidRangeException;

import java.util.Optional;

/** One HTTP byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}); other forms serve the whole file. */
public final class ByteRanges {
    private ByteRanges() {
    }

    public static Optional<ByteRange> parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                if (suffix <= 0) {
                    throw new InvalidRangeException("empty suffix range");
                }
                return Optional.of(ByteRange.from(Math.max(0, length - suffix)));
            }
            long first = Long.parseLong(spec.substring(0, dash));
            if (first >= length) {
                throw new InvalidRangeException("range starts after the end");
            }
            String last = spec.substring(dash + 1);
            return Optional.of(last.isEmpty() ? ByteRange.from(first)
                    : ByteRange.of(first, Math.min(Long.parseLong(last), length - 1)));
        } catch (IllegalArgumentException e) {
            // Not a range we understand (RFC 9110: ignore it and send the whole representation).
            return Optional.empty();
        }
    }
}
