package io.mediaconnector.db;

import io.mediaconnector.account.Account;
import io.mediaconnector.account.AccountStore;
import io.mediaconnector.account.ApiKey;
import io.mediaconnector.account.Scope;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts and their API keys. */
public final class AccountRepository implements AccountStore {
    private final Jdbi jdbi;
    private final RowMapper<Account> account;
    private final RowMapper<ApiKey> key;

    public AccountRepository(Database database) {
        this.jdbi = database.jdbi();
        ColumnTypes types = database.types();
        this.account = (rs, ctx) -> new Account(
                types.uuid(rs, "id"), rs.getString("name"), types.timestamp(rs, "created_at"));
        this.key = (rs, ctx) -> new ApiKey(
                types.uuid(rs, "id"),
                types.uuid(rs, "account_id"),
                rs.getString("name"),
                Scope.decode(rs.getString("scopes")),
                types.timestamp(rs, "created_at"),
                Optional.ofNullable(types.timestamp(rs, "revoked_at")));
    }

    @Override
    public void insert(Account account) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO accounts (id, name, created_at) VALUES (:id, :name, :created)")
                .bind("id", account.id()).bind("name", account.name()).bind("created", account.created())
                .execute());
    }

    @Override
    public Optional<Account> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE id = :id")
                .bind("id", id).map(account).findOne());
    }

    @Override
    public void insertKey(ApiKey key, String secretHash) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO api_keys (id, account_id, name, key_hash, scopes, created_at)
                        VALUES (:id, :account, :name, :hash, :scopes, :created)""")
                .bind("id", key.id()).bind("account", key.accountId()).bind("name", key.name())
                .bind("hash", secretHash).bind("scopes", Scope.encode(key.scopes())).bind("created", key.created())
                .execute());
    }

    @Override
    public Optional<ApiKey> findLiveKeyByHash(String secretHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", secretHash).map(key).findOne());
    }

    @Override
    public List<ApiKey> keysOf(UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE account_id = :account ORDER BY created_at, id")
                .bind("account", accountId).map(key).list());
    }

    @Override
    public Optional<ApiKey> findKey(UUID accountId, UUID keyId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", keyId).map(key).findOne());
    }

    @Override
    public boolean revokeKey(UUID accountId, UUID keyId, OffsetDateTime when) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE api_keys SET revoked_at = :when WHERE account_id = :account AND id = :id AND revoked_at IS NULL")
                .bind("when", when).bind("account", accountId).bind("id", keyId).execute()) == 1;
    }

    @Override
    public boolean anyKeyExists() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys").mapTo(Long.class).one()) > 0;
    }
}
