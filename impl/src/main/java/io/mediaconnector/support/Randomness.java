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

    /** {@code count} random bytes, for keys and IVs. */
    byte[] bytes(int count);

    /**
     * The generator behind the ids and secrets, for other random values (the IVs of encrypted
     * segments) and for packages that take a JDK type rather than this one. Thread-safe, and
     * cryptographically strong outside tests.
     */
    RandomGenerator generator();

    /** The service's own: a {@link SecureRandom}. */
    static Randomness secure() {
        return from(new SecureRandom());
    }

    /**
     * Ids, secrets and bytes all drawn from {@code generator}, which must be thread-safe (a seeded
     * {@link java.util.Random} makes a test repeatable).
     */
    static Randomness from(RandomGenerator generator) {
        return new Randomness() {
            @Override
            public UUID newId() {
                // a version 4 (random) UUID, as UUID.randomUUID() makes from its own SecureRandom
                long high = (generator.nextLong() & ~0xF000L) | 0x4000L;
                long low = (generator.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
                return new UUID(high, low);
            }

            @Override
            public String newSecret(int bytes) {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
            }

            @Override
            public byte[] bytes(int count) {
                byte[] bytes = new byte[count];
                generator.nextBytes(bytes);
                return bytes;
            }

            @Override
            public RandomGenerator generator() {
                return generator;
            }
        };
    }
}
