package io.mediaconnector.account;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where accounts and their API keys are kept (keys only as hashes of their secrets). */
public interface AccountStore {
    void insert(Account account);

    Optional<Account> find(UUID id);

    void insertKey(ApiKey key, String secretHash);

    /** The live (not revoked) key with this secret hash. */
    Optional<ApiKey> findLiveKeyByHash(String secretHash);

    List<ApiKey> keysOf(UUID accountId);

    Optional<ApiKey> findKey(UUID accountId, UUID keyId);

    /** False when the key was already revoked (or is not the account's). */
    boolean revokeKey(UUID accountId, UUID keyId, OffsetDateTime when);

    boolean anyKeyExists();
}
