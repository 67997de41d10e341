package io.mediaconnector.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Ids and secrets; injected so tests can make them deterministic. */
public interface Randomness {
    UUID newId();

    /** A URL-safe secret carrying {@code bytes} bytes of entropy. */
    String newSecret(int bytes);

    static Randomness secure() {
        SecureRandom random = new SecureRandom();
        return new Randomness() {
            @Override
            public UUID newId() {
                return UUID.randomUUID();
            }

            @Override
            public String newSecret(int bytes) {
                byte[] secret = new byte[bytes];
                random.nextBytes(secret);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            }
        };
    }
}
