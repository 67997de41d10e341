package io.mediaconnector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {

    @Test
    void deliversABodyUpToTheLimit() throws Exception {
        BoundedInputStream in = bounded(10, 10);
        assertThat(in.readAllBytes()).hasSize(10);
        assertThat(in.count()).isEqualTo(10);
    }

    @Test
    void theReadPastTheLimitThrowsTheCallersException() {
        assertThatThrownBy(() -> bounded(11, 10).readAllBytes())
                .isInstanceOf(IllegalStateException.class).hasMessage("over 10");
        InputStream byByte = bounded(11, 10);
        assertThatThrownBy(() -> {
            while (byByte.read() >= 0) {
                // reads one byte at a time until the limit refuses
            }
        }).hasMessage("over 10");
        assertThatThrownBy(() -> bounded(11, 10).skip(11)).hasMessage("over 10");
    }

    private static BoundedInputStream bounded(int size, long limit) {
        return new BoundedInputStream(new ByteArrayInputStream(new byte[size]), limit,
                max -> new IllegalStateException("over " + max));
    }
}
