package io.mediaconnector.upload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * The CRC-64 Azure Storage sends in {@code x-ms-content-crc64}: reflected polynomial
 * {@code 0x9A6C9329AC4BC9B5} (normal form {@code 0xAD93D23594C93659}), initial value and final XOR
 * all ones — the parameters catalogued as CRC-64/NVME (check value of "123456789":
 * {@code 0xAE8B14860A799888}). The header carries the 8 bytes little-endian, base64-encoded.
 *
 * <p>Table-driven, slicing-by-8: eight bytes per step through eight 256-entry tables
 * ({@code TABLES[k][b]} is the CRC of byte {@code b} followed by {@code k} zero bytes), the
 * remainder byte by byte. Several times faster than the one-table loop, which capped uploads
 * at about 100 MB/s.
 */
public final class Crc64 implements Checksum {

    private static final long POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLES = new long[8][256];
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
            }
            TABLES[0][i] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                long previous = TABLES[k - 1][i];
                TABLES[k][i] = (previous >>> 8) ^ TABLES[0][(int) (previous & 0xff)];
            }
        }
    }

    private long state = ~0L;

    @Override
    public void update(int b) {
        state = (state >>> 8) ^ TABLES[0][(int) ((state ^ b) & 0xff)];
    }

    @Override
    public void update(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new ArrayIndexOutOfBoundsException("off " + off + ", len " + len + ", array " + b.length);
        }
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
        long crc = state;
        int i = off;
        int end = off + len;
        for (int last8 = end - 8; i <= last8; i += 8) {
            crc ^= (long) LONG_LE.get(b, i);
            crc = t7[(int) crc & 0xff]
                    ^ t6[(int) (crc >>> 8) & 0xff]
                    ^ t5[(int) (crc >>> 16) & 0xff]
                    ^ t4[(int) (crc >>> 24) & 0xff]
                    ^ t3[(int) (crc >>> 32) & 0xff]
                    ^ t2[(int) (crc >>> 40) & 0xff]
                    ^ t1[(int) (crc >>> 48) & 0xff]
                    ^ t0[(int) (crc >>> 56)];
        }
        for (; i < end; i++) {
            crc = (crc >>> 8) ^ t0[(int) ((crc ^ b[i]) & 0xff)];
        }
        state = crc;
    }

    @Override
    public long getValue() {
        return ~state;
    }

    @Override
    public void reset() {
        state = ~0L;
    }

    /** The value as Azure puts it on the wire: 8 bytes, little-endian. */
    public byte[] toWireBytes() {
        long value = getValue();
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
