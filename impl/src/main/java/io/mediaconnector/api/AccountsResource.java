package io.mediaconnector.api;

import io.mediaconnector.account.AccountService;
import io.mediaconnector.account.ApiKey;
import io.mediaconnector.account.Scope;
import io.mediaconnector.config.Settings;
import io.mediaconnector.generated.server.api.AccountsApi;
import io.mediaconnector.generated.server.model.Account;
import io.mediaconnector.generated.server.model.AccountCreate;
import io.mediaconnector.generated.server.model.ApiKeyCreate;
import io.mediaconnector.generated.server.model.ApiKeyScope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Accounts and API keys; the admin scope is checked by {@link ApiKeyAuthentication}. */
@Singleton
public class AccountsResource implements AccountsApi {
    private final AccountService accounts;
    private final Settings settings;

    @Inject
    public AccountsResource(AccountService accounts, Settings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public Response createAccount(AccountCreate body) {
        io.mediaconnector.account.Account account = accounts.createAccount(body.getName());
        return Response.created(URI.create(settings.baseUrl() + "/api/Accounts/" + account.id()))
                .entity(new Account().id(account.id()).name(account.name()).created(account.created()))
                .build();
    }

    @Override
    public Response createApiKey(UUID accountId, ApiKeyCreate body) {
        AccountService.IssuedKey issued = accounts.createKey(accountId, body.getName(), scopes(body));
        return Response.status(Response.Status.CREATED).entity(model(issued.key()).key(issued.secret())).build();
    }

    @Override
    public Response listApiKeys(UUID accountId) {
        return Response.ok(accounts.keys(accountId).stream().map(AccountsResource::model).toList()).build();
    }

    @Override
    public Response revokeApiKey(UUID accountId, UUID keyId) {
        accounts.revoke(accountId, keyId);
        return Response.noContent().build();
    }

    private static Set<Scope> scopes(ApiKeyCreate body) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        body.getScopes().forEach(scope -> scopes.add(Scope.fromWire(scope.toString())));
        return scopes;
    }

    private static io.mediaconnector.generated.server.model.ApiKey model(ApiKey key) {
        return new io.mediaconnector.generated.server.model.ApiKey()
                .id(key.id())
                .name(key.name())
                .scopes(key.scopes().stream()
                        .map(scope -> ApiKeyScope.fromValue(scope.wireName()))
                        .toList())
                .key(null)
                .created(key.created());
    }
}
