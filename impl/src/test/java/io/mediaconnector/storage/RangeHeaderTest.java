package io.mediaconnector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {

    @ParameterizedTest
    @CsvSource({
            "bytes=0-9,       100, 0, 9",
            "bytes=10-,       100, 10, 99",
            "bytes=90-200,    100, 90, 99",
            "bytes=-10,       100, 90, 99",
            "bytes=-500,      100, 0, 99",
            "bytes= 5-6 ,     100, 5, 6",
    })
    void selectsTheBytesOfARepresentation(String header, long length, long first, long last) {
        ByteRange range = RangeHeader.parse(header).orElseThrow().resolve(length);
        assertThat(range.first()).isEqualTo(first);
        assertThat(range.last().orElse(length - 1)).isEqualTo(last);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=5", "bytes=9-5", "bytes=0-1,5-6", "items=0-1", "bytes=a-b",
            "bytes=+5-", "bytes=99999999999999999999-", "Range: bytes=0-1"})
    void anythingButOneRangeOfBytesDoesNotParse(String header) {
        assertThat(RangeHeader.parse(header)).isEmpty();
        assertThat(RangeHeader.parse(null)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource({"bytes=100-, 100", "bytes=100-200, 100", "bytes=-0, 100", "bytes=-5, 0", "bytes=0-, 0"})
    void aRangeThatSelectsNothingIsUnsatisfiable(String header, long length) {
        RangeHeader range = RangeHeader.parse(header).orElseThrow();
        assertThatThrownBy(() -> range.resolve(length)).isInstanceOf(InvalidRangeException.class);
    }
}
