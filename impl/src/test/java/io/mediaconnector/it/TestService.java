package io.mediaconnector.it;

import io.mediaconnector.config.Settings;
import io.mediaconnector.config.SettingsLoader;
import io.mediaconnector.generated.client.ApiClient;
import io.mediaconnector.generated.client.api.AccountsApi;
import io.mediaconnector.generated.client.model.AccountCreate;
import io.mediaconnector.generated.client.model.ApiKeyCreate;
import io.mediaconnector.generated.client.model.ApiKeyScope;
import io.mediaconnector.server.Service;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The whole service on a free port with its embedded defaults under a test's directory. */
public final class TestService implements AutoCloseable {
    public static final String ADMIN_KEY = "mc_test-admin-key-0123456789";

    private final Service service;
    private final String baseUrl;

    private TestService(Service service, String baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl;
    }

    public static TestService start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * Starts with extra {@code MEDIA_CONNECTOR_*} settings (names without the prefix), on the port
     * the OS picks ({@code MEDIA_CONNECTOR_PORT=0}): every absolute URL it hands out carries that port.
     */
    public static TestService start(Path dataDir, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("MEDIA_CONNECTOR_PORT", "0");
        env.put("MEDIA_CONNECTOR_BOOTSTRAP_KEY", ADMIN_KEY);
        env.put("MEDIA_CONNECTOR_SHUTDOWN_GRACE", "PT1S");
        overrides.forEach((name, value) -> env.put("MEDIA_CONNECTOR_" + name, value));
        Settings settings = new SettingsLoader(env).load(null, dataDir);
        Service service = Service.start(settings);
        return new TestService(service, "http://localhost:" + service.port());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A generated client authenticated with the given key. */
    public ApiClient client(String key) {
        ApiClient client = new ApiClient().setBasePath(baseUrl);
        client.addDefaultHeader("Authorization", "Bearer " + key);
        return client;
    }

    /** A new account and a key for it with the given scopes; returns the key's secret. */
    public String newAccountKey(String... scopes) {
        try {
            AccountsApi accounts = new AccountsApi(client(ADMIN_KEY));
            UUID account = accounts.createAccount(new AccountCreate().name("tenant-" + UUID.randomUUID())).getId();
            return newKey(account, scopes);
        } catch (io.mediaconnector.generated.client.ApiException e) {
            throw new IllegalStateException(e.getResponseBody(), e);
        }
    }

    public String newKey(UUID account, String... scopes) throws io.mediaconnector.generated.client.ApiException {
        return new AccountsApi(client(ADMIN_KEY)).createApiKey(account, new ApiKeyCreate().name("key")
                .scopes(List.of(scopes).stream().map(ApiKeyScope::fromValue).toList())).getKey();
    }

    @Override
    public void close() {
        service.close();
    }
}
