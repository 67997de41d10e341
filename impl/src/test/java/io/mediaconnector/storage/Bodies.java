package io.mediaconnector.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Request bodies for store tests: text, one whose connection resets, and their MD5. */
public final class Bodies {
    private Bodies() {
    }

    public static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A body whose connection resets after {@code bytes} bytes. */
    public static InputStream failingAfter(long bytes) {
        return new InputStream() {
            long n;

            @Override
            public int read() throws IOException {
                if (n++ > bytes) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
    }

    public static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    public static byte[] md5(String s) {
        return md5(s.getBytes(StandardCharsets.UTF_8));
    }
}
