package io.mediaconnector.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * A stream that refuses to deliver more than a limit: the one bounded stream of the code base.
 * The first read that takes the count past the limit throws what {@code overLimit} makes of the
 * limit, so each caller speaks its own dialect (a problem, an Azure error, a storage exception).
 */
public class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final LongFunction<? extends RuntimeException> overLimit;
    private long count;

    public BoundedInputStream(InputStream in, long limit, LongFunction<? extends RuntimeException> overLimit) {
        super(in);
        if (limit < 0) {
            throw new IllegalArgumentException("limit < 0");
        }
        this.limit = limit;
        this.overLimit = overLimit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    /** Skipped bytes count too: they were part of the body. */
    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would make the count wrong
    }

    /** Bytes delivered so far. */
    public long count() {
        return count;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw overLimit.apply(limit);
        }
    }
}
