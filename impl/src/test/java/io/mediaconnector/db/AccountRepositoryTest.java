package io.mediaconnector.db;

import io.mediaconnector.account.Account;
import io.mediaconnector.account.AccountService;
import io.mediaconnector.account.Caller;
import io.mediaconnector.account.KeyHasher;
import io.mediaconnector.account.Scope;
import io.mediaconnector.failure.StateConflictException;
import io.mediaconnector.support.Randomness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts and keys through the service, against the real database. */
@ParameterizedClass
@EnumSource(TestDatabase.Engine.class)
class AccountRepositoryTest {
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private Database database;
    private AccountRepository repository;
    private AccountService accounts;

    @BeforeEach
    void open() {
        database = TestDatabase.open(engine, dir);
        repository = new AccountRepository(database);
        accounts = new AccountService(repository, new KeyHasher(), Clock.systemUTC(), Randomness.secure(), java.time.Duration.ZERO);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void bootstrapCreatesOneAdminKeyOnlyOnTheFirstStart() {
        Optional<String> first = accounts.bootstrap(Optional.of("given-bootstrap-key-123"));
        assertThat(first).contains("given-bootstrap-key-123");
        assertThat(accounts.authenticate("given-bootstrap-key-123")).hasValueSatisfying(
                caller -> assertThat(caller.scopes()).containsExactly(Scope.ADMIN));
        assertThat(accounts.bootstrap(Optional.empty())).isEmpty();
    }

    @Test
    void keysAreStoredHashedAndRevocable() {
        Account account = accounts.createAccount("acme");
        AccountService.IssuedKey issued = accounts.createKey(account.id(), "uploader", EnumSet.of(Scope.WRITE));
        String storedHashes = database.jdbi().withHandle(h ->
                h.createQuery("SELECT key_hash FROM api_keys").mapTo(String.class).one());
        assertThat(storedHashes).isNotEqualTo(issued.secret()).isEqualTo(new KeyHasher().hash(issued.secret()));

        Caller caller = accounts.authenticate(issued.secret()).orElseThrow();
        assertThat(caller.accountId()).isEqualTo(account.id());
        assertThat(caller.may(Scope.READ)).isTrue();
        assertThat(caller.may(Scope.ADMIN)).isFalse();

        accounts.revoke(account.id(), issued.key().id());
        assertThat(accounts.authenticate(issued.secret())).isEmpty();
        assertThatThrownBy(() -> accounts.revoke(account.id(), issued.key().id()))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("already revoked");
        assertThat(accounts.keys(account.id())).singleElement()
                .satisfies(key -> assertThat(key.revoked()).isPresent());
    }

    @Test
    void unknownSecretsAndAccountsAreRefused() {
        assertThat(accounts.authenticate("nope")).isEmpty();
        assertThat(accounts.authenticate("")).isEmpty();
        assertThatThrownBy(() -> accounts.createKey(java.util.UUID.randomUUID(), "k", EnumSet.of(Scope.READ)))
                .hasMessage("No account with this id.");
        Account account = accounts.createAccount("acme");
        assertThatThrownBy(() -> accounts.createKey(account.id(), "k", EnumSet.noneOf(Scope.class)))
                .hasMessageContaining("at least one");
    }
}
