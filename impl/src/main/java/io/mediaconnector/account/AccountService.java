package io.mediaconnector.account;

import io.mediaconnector.support.Timestamps;
import io.mediaconnector.failure.InvalidInputException;
import io.mediaconnector.failure.StateConflictException;
import io.mediaconnector.failure.NotFoundException;
import io.mediaconnector.support.Randomness;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Accounts and API keys. The {@code admin} scope is the operator's: it manages every account;
 * tenants get {@code read} and {@code write} keys.
 */
public final class AccountService {
    private static final String KEY_PREFIX = "mc_";
    private static final int MAX_CACHED_KEYS = 10_000;

    private final AccountStore accounts;
    private final KeyHasher hasher;
    private final Clock clock;
    private final Randomness randomness;
    private final KeyAuthenticationCache authenticated;

    /**
     * {@code keyCacheTtl}: how long a successful authentication is remembered, so how long a key
     * revoked through another node may still work here (zero: every request looks the key up).
     */
    public AccountService(AccountStore accounts, KeyHasher hasher, Clock clock, Randomness randomness,
                          Duration keyCacheTtl) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.clock = clock;
        this.randomness = randomness;
        this.authenticated = new KeyAuthenticationCache(clock, keyCacheTtl, MAX_CACHED_KEYS);
    }

    /** A key and its secret, which exists only in this answer. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 256) {
            return Optional.empty();
        }
        String hash = hasher.hash(secret);
        Optional<Caller> remembered = authenticated.get(hash);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<Caller> caller = accounts.findLiveKeyByHash(hash)
                .map(key -> new Caller(key.accountId(), key.id(), key.scopes()));
        caller.ifPresent(live -> authenticated.remember(hash, live));
        return caller;
    }

    public Account createAccount(String name) {
        Account account = new Account(randomness.newId(), requireName(name, "Name"), now());
        accounts.insert(account);
        return account;
    }

    public IssuedKey createKey(UUID accountId, String name, Set<Scope> scopes) {
        requireAccount(accountId);
        return issue(accountId, requireName(name, "Name"), scopes, KEY_PREFIX + randomness.newSecret(32));
    }

    public List<ApiKey> keys(UUID accountId) {
        requireAccount(accountId);
        return accounts.keysOf(accountId);
    }

    public void revoke(UUID accountId, UUID keyId) {
        requireAccount(accountId);
        ApiKey key = accounts.findKey(accountId, keyId)
                .orElseThrow(() -> new NotFoundException("No API key with this id in this account."));
        if (key.revoked().isPresent() || !accounts.revokeKey(accountId, keyId, now())) {
            throw new StateConflictException("The API key is already revoked.");
        }
        authenticated.forget(keyId);
    }

    /**
     * On the very first start (no key at all), creates the operator's account and an admin key:
     * the given secret, or a new one. Returns the secret to print once, if a key was created.
     */
    public Optional<String> bootstrap(Optional<String> givenSecret) {
        if (accounts.anyKeyExists()) {
            return Optional.empty();
        }
        Account account = createAccount("default");
        String secret = givenSecret.orElseGet(() -> KEY_PREFIX + randomness.newSecret(32));
        issue(account.id(), "bootstrap admin", EnumSet.of(Scope.ADMIN), secret);
        return Optional.of(secret);
    }

    private IssuedKey issue(UUID accountId, String name, Set<Scope> scopes, String secret) {
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidInputException("Scopes must name at least one of read, write, admin.");
        }
        ApiKey key = new ApiKey(randomness.newId(), accountId, name, EnumSet.copyOf(scopes), now(), Optional.empty());
        accounts.insertKey(key, hasher.hash(secret));
        return new IssuedKey(key, secret);
    }

    private void requireAccount(UUID accountId) {
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFoundException("No account with this id.");
        }
    }

    private static String requireName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field + " is required.");
        }
        return name.trim();
    }

    private OffsetDateTime now() {
        return Timestamps.now(clock);
    }
}
