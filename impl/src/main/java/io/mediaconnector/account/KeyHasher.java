package io.mediaconnector.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes API key secrets for storage and lookup. The secrets are 256 random bits, so a fast
 * unsalted SHA-256 is enough (no dictionary to attack) and keeps authentication cheap.
 */
public final class KeyHasher {
    /** One digest per thread: the provider lookup costs more than hashing a key. */
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    public String hash(String secret) {
        return HexFormat.of().formatHex(digests.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
