package io.mediaconnector.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Ids and secrets; injected so tests can make them deterministic. */
public interface Randomness {
    UUID newId();

    /** A URL-safe secret carrying {@code bytes} bytes of entropy. */
    String newSecret(int bytes);

    /** {@code count} random bytes, for keys and IVs. */
    byte[] bytes(int count);

    static Randomness secure() {
        SecureRandom random = new SecureRandom();
        return new Randomness() {
            @Override
            public UUID newId() {
                return UUID.randomUUID();
            }

            @Override
            public String newSecret(int bytes) {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
            }

            @Override
            public byte[] bytes(int count) {
                byte[] bytes = new byte[count];
                random.nextBytes(bytes);
                return bytes;
            }
        };
    }
}
