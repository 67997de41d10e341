package io.mediaconnector.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Ids, secrets and random bytes; injected so tests can make them deterministic. */
public interface Randomness {
    UUID newId();

    /** A URL-safe secret carrying {@code bytes} bytes of entropy. */
    String newSecret(int bytes);

    /**
     * The generator behind the ids and secrets, for other random values (the IVs of encrypted
     * segments) and for packages that take a JDK type rather than this one. Thread-safe, and
     * cryptographically strong outside tests.
     */
    RandomGenerator generator();

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

            @Override
            public RandomGenerator generator() {
                return random;
            }
        };
    }
}
