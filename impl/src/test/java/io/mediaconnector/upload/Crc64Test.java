package io.mediaconnector.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {

    @Test
    void matchesTheCatalogueCheckValueOfAzuresParameters() {
        Crc64 crc = new Crc64();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void incrementalEqualsOneShot() {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Crc64 whole = new Crc64();
        whole.update(data, 0, data.length);
        Crc64 parts = new Crc64();
        parts.update(data, 0, 1234);
        parts.update(data[1234]);
        parts.update(data, 1235, data.length - 1235);
        assertThat(parts.getValue()).isEqualTo(whole.getValue());
        assertThat(whole.toWireBytes()[0]).isEqualTo((byte) whole.getValue());
    }

    /** Slicing-by-8 against the plain byte-at-a-time definition, at every alignment and tail length. */
    @Test
    void slicedEqualsBytewiseAtEveryOffsetAndLength() {
        byte[] data = new byte[300];
        new Random(42).nextBytes(data);
        for (int off = 0; off < 17; off++) {
            for (int len = 0; off + len <= data.length; len += (len < 40 ? 1 : 37)) {
                Crc64 sliced = new Crc64();
                sliced.update(data, off, len);
                Crc64 bytewise = new Crc64();
                for (int i = off; i < off + len; i++) {
                    bytewise.update(data[i]);
                }
                assertThat(sliced.getValue()).as("off %d len %d", off, len).isEqualTo(bytewise.getValue());
            }
        }
    }
}
