package io.mediaconnector.storage;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of HTTP byte-range headers ({@code Range}, and Azure's {@code x-ms-range}): a
 * single range {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} (the last n bytes).
 * Several ranges, other units and anything malformed do not parse; what that means is the
 * caller's choice (RFC 9110: ignore it and serve everything; the Azure protocol: 416).
 */
public final class RangeHeader {
    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d{0,19})-(\\d{0,19})");
    private static final long OPEN = -1;

    /** First byte, or {@value #OPEN} for a suffix range. */
    private final long first;
    /** Last byte of a bounded range, or the length of a suffix range; {@value #OPEN} when the range runs to the end. */
    private final long last;

    private RangeHeader(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /** The range {@code value} asks for; empty if there is no value or it is not one range of bytes. */
    public static Optional<RangeHeader> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(value.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return Optional.empty();
        }
        try {
            long first = m.group(1).isEmpty() ? OPEN : Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? OPEN : Long.parseLong(m.group(2));
            if (first != OPEN && last != OPEN && last < first) {
                return Optional.empty(); // RFC 9110: an invalid range-spec, not an unsatisfiable one
            }
            return Optional.of(new RangeHeader(first, last));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /**
     * The bytes of a representation of {@code length} bytes this header selects, cut at its end.
     * Throws {@link InvalidRangeException} when it selects none of them (416).
     */
    public ByteRange resolve(long length) {
        if (first == OPEN) {
            if (last == 0 || length == 0) {
                throw new InvalidRangeException("the range selects none of the " + length + " bytes");
            }
            return ByteRange.from(Math.max(0, length - last));
        }
        if (first >= length) {
            throw new InvalidRangeException("range starts at " + first + " but there are " + length + " bytes");
        }
        return last == OPEN ? ByteRange.from(first) : ByteRange.of(first, Math.min(last, length - 1));
    }

    @Override
    public String toString() {
        return "bytes=" + (first == OPEN ? "" : first) + "-" + (last == OPEN ? "" : last);
    }
}
