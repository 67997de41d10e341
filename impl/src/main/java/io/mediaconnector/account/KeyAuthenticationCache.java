package io.mediaconnector.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful key authentications, remembered for a short time so a request needs no key lookup
 * in the database. Keyed by the secret's hash (no secret is kept). Only live keys are remembered,
 * never failures, so a new key works at once. A key revoked through this node stops working at
 * once; revoked through another node (or directly in the database), within the time to live.
 * Bounded: when full, expired entries are dropped, and if none are, nothing more is remembered.
 */
final class KeyAuthenticationCache {
    private record Entry(Caller caller, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;

    KeyAuthenticationCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    Optional<Caller> get(String secretHash) {
        if (ttlMillis <= 0) {
            return Optional.empty();
        }
        Entry entry = entries.get(secretHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            entries.remove(secretHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    void remember(String secretHash, Caller caller) {
        if (ttlMillis <= 0) {
            return;
        }
        long now = clock.millis();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> now >= entry.expiresAtMillis());
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(secretHash, new Entry(caller, now + ttlMillis));
    }

    void forget(UUID keyId) {
        entries.values().removeIf(entry -> entry.caller().keyId().equals(keyId));
    }
}
