package io.mediaconnector.it;

import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.AccountsApi;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.Account;
import io.mediaconnector.generated.client.model.AccountCreate;
import io.mediaconnector.generated.client.model.ApiKey;
import io.mediaconnector.generated.client.model.ApiKeyCreate;
import io.mediaconnector.generated.client.model.ApiKeyScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's admin key manages accounts and keys; secrets are shown once, revocation is immediate. */
class AccountsApiIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static AccountsApi admin;

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir);
        admin = new AccountsApi(service.client(TestService.ADMIN_KEY));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void adminCreatesAnAccountAndAKeyWhoseSecretIsShownOnce() throws Exception {
        ApiResponse<Account> created = admin.createAccountWithHttpInfo(new AccountCreate().name("Acme Video"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        Account account = created.getData();
        assertThat(created.getHeaders().get("Location")).containsExactly(service.baseUrl() + "/api/Accounts/" + account.getId());

        ApiKey key = admin.createApiKey(account.getId(), new ApiKeyCreate().name("uploader")
                .scopes(List.of(ApiKeyScope.WRITE)));
        assertThat(key.getKey()).startsWith("mc_").hasSizeGreaterThan(40);
        assertThat(new VideosApi(service.client(key.getKey())).listVideos(null, null, 10, null).getValue()).isEmpty();

        List<ApiKey> listed = admin.listApiKeys(account.getId());
        assertThat(listed).singleElement().satisfies(k -> {
            assertThat(k.getId()).isEqualTo(key.getId());
            assertThat(k.getKey()).isNull();
            assertThat(k.getScopes()).containsExactly(ApiKeyScope.WRITE);
        });
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() throws Exception {
        UUID account = admin.createAccount(new AccountCreate().name("Short-lived")).getId();
        ApiKey key = admin.createApiKey(account, new ApiKeyCreate().name("temp").scopes(List.of(ApiKeyScope.READ)));
        VideosApi videos = new VideosApi(service.client(key.getKey()));
        videos.listVideos(null, null, 10, null);

        assertThat(admin.revokeApiKeyWithHttpInfo(account, key.getId()).getStatusCode()).isEqualTo(204);
        assertThatThrownBy(() -> videos.listVideos(null, null, 10, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        assertThatThrownBy(() -> admin.revokeApiKey(account, key.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    // What is true: the key, not a video, is in the way.
                    assertThat(e.getResponseBody()).contains("already revoked").doesNotContain("video");
                });
    }

    @Test
    void keysOfUnknownAccountsAndBadScopesAreRefused() {
        SpecCheckedHttp http = new SpecCheckedHttp(service.baseUrl());
        assertThat(http.send(http.request("/api/Accounts/" + UUID.randomUUID() + "/Keys", TestService.ADMIN_KEY).GET())
                .statusCode()).isEqualTo(404);
        UUID account;
        try {
            account = admin.createAccount(new AccountCreate().name("x")).getId();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
        assertThat(http.send(http.request("/api/Accounts/" + account + "/Keys", TestService.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"Name\":\"k\",\"Scopes\":[\"superuser\"]}"))).statusCode()).isEqualTo(400);
        assertThat(http.send(http.request("/api/Accounts/" + account + "/Keys", TestService.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"Name\":\"k\",\"Scopes\":[]}"))).statusCode()).isEqualTo(400);
    }
}
