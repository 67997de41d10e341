package io.mediaconnector.storage;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.Optional;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which bytes of a 1000-byte file a {@code Range} header asks for (RFC 9110 14.1.2). */
class StreamRangesTest {
    private static final long LENGTH = 1000;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99      | 0   | 99",
            "bytes=100-100   | 100 | 100",
            "bytes=0-5000    | 0   | 999",   // an end past the file is the file's end
            "bytes=999-      | 999 | 999",
            "bytes=500-      | 500 | 999",
            "bytes=-100      | 900 | 999",   // the last 100 bytes
            "bytes=-2000     | 0   | 999",   // more than the file: all of it
            "bytes= 10-19    | 10  | 19",
    })
    void aSingleRangeSelectsThoseBytes(String header, long first, long last) {
        assertThat(resolve(header).map(StreamRangesTest::bytes)).contains(first + "-" + last);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullSource
    @ValueSource(strings = {"", "items=0-9", "bytes=0-9,20-29", "bytes=abc-", "bytes=0-x", "bytes=9-5", "bytes=5"})
    void anythingElseServesTheWholeFile(String header) {
        assertThat(resolve(header)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1999", "bytes=-0"})
    void aRangeNoByteOfTheFileSatisfiesIsRefused(String header) {
        assertThatThrownBy(() -> resolve(header)).isInstanceOf(InvalidRangeException.class);
    }

    /** {@code first-last} of the file, inclusive, whatever form the range took. */
    private static String bytes(ByteRange range) {
        return range.first() + "-" + (range.last().isPresent() ? range.last().getAsLong() : LENGTH - 1);
    }

    /** As {@code /stream} reads a Range header: parsed, then resolved against the file's length. */
    private static Optional<ByteRange> resolve(String header) {
        return RangeHeader.parse(header).map(range -> range.resolve(LENGTH));
    }
}
