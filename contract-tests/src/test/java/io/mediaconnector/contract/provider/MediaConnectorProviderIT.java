package io.mediaconnector.contract.provider;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.mediaconnector.config.SettingsLoader;
import io.mediaconnector.generated.client.ApiClient;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.AccountsApi;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.AccountCreate;
import io.mediaconnector.generated.client.model.ApiKeyCreate;
import io.mediaconnector.generated.client.model.ApiKeyCreate.ScopesEnum;
import io.mediaconnector.generated.client.model.Video;
import io.mediaconnector.generated.client.model.VideoCreate;
import io.mediaconnector.generated.client.model.VideoUpdate;
import io.mediaconnector.server.Service;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mediaconnector.contract.Contract.ACCOUNT_ID;
import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_ONLY_KEY;
import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.ADMIN_KEY;
import static io.mediaconnector.contract.Contract.ANOTHER_ACCOUNT;
import static io.mediaconnector.contract.Contract.ETAG;
import static io.mediaconnector.contract.Contract.OPERATOR_WITH_ADMIN_KEY;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_ONLY_KEY;
import static io.mediaconnector.contract.Contract.READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.STALE_ETAG;
import static io.mediaconnector.contract.Contract.TWO_VIDEOS;
import static io.mediaconnector.contract.Contract.VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.Contract.VIDEO_CHANGED_SINCE_READ;
import static io.mediaconnector.contract.Contract.VIDEO_ID;
import static io.mediaconnector.contract.Contract.VIDEO_OF_ANOTHER_ACCOUNT;

/**
 * Replays the consumer's pact against the real service (H2 under a temp dir). Each provider
 * state sets its facts up through the service's own API with the operator's admin key and
 * returns the ids it generated; the consumer's placeholder keys are swapped for real ones.
 */
@Provider(PROVIDER)
@PactFolder("target/pacts")
class MediaConnectorProviderIT {
    private static final String OPERATOR_SECRET = "contract-tests-operator-key";

    @TempDir
    static Path dataDir;
    private static Service service;

    /** Placeholder secret → the real key issued for this interaction's states. */
    private final Map<String, String> keys = new HashMap<>();
    private ApiClient account;

    @BeforeAll
    static void startService() {
        service = Service.start(new SettingsLoader(Map.of(
                "MEDIA_CONNECTOR_BOOTSTRAP_KEY", OPERATOR_SECRET,
                "MEDIA_CONNECTOR_PUBLIC_URL", "http://media-connector.test"))
                .load(0, dataDir));
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("localhost", service.port()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void honoursThePact(PactVerificationContext context, HttpRequest request) {
        var authorization = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String placeholder = authorization.getValue().substring("Bearer ".length());
            String real = keys.get(placeholder);
            if (real == null) {
                throw new IllegalStateException("No provider state issued a key for '" + placeholder + "'");
            }
            request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + real);
        }
        context.verifyInteraction();
    }

    @State(OPERATOR_WITH_ADMIN_KEY)
    void operatorHasAdminKey() {
        keys.put(ADMIN_KEY, OPERATOR_SECRET);
    }

    @State(ACCOUNT_WITH_READ_WRITE_KEY)
    Map<String, Object> accountWithReadWriteKey() throws ApiException {
        return accountWithKey(READ_WRITE_KEY, ScopesEnum.WRITE);
    }

    @State(ACCOUNT_WITH_READ_ONLY_KEY)
    Map<String, Object> accountWithReadOnlyKey() throws ApiException {
        return accountWithKey(READ_ONLY_KEY, ScopesEnum.READ);
    }

    @State(ANOTHER_ACCOUNT)
    Map<String, Object> anotherAccount() throws ApiException {
        return Map.of(ACCOUNT_ID, newAccount("another account").toString());
    }

    @State(VIDEO_AWAITING_UPLOAD)
    Map<String, Object> videoAwaitingUpload() throws ApiException {
        ApiResponse<Video> created = createVideo(account);
        return Map.of(VIDEO_ID, created.getData().getId().toString(), ETAG, etagOf(created));
    }

    @State(VIDEO_CHANGED_SINCE_READ)
    Map<String, Object> videoChangedSinceRead() throws ApiException {
        ApiResponse<Video> read = createVideo(account);
        UUID id = read.getData().getId();
        new VideosApi(account).updateVideo(id, new VideoUpdate().name("renamed by somebody else"), etagOf(read));
        return Map.of(VIDEO_ID, id.toString(), STALE_ETAG, etagOf(read));
    }

    @State(TWO_VIDEOS)
    void twoVideos() throws ApiException {
        createVideo(account);
        createVideo(account);
    }

    @State(VIDEO_OF_ANOTHER_ACCOUNT)
    Map<String, Object> videoOfAnotherAccount() throws ApiException {
        ApiClient other = client(issueKey(newAccount("another account"), ScopesEnum.WRITE));
        return Map.of(VIDEO_ID, createVideo(other).getData().getId().toString());
    }

    private Map<String, Object> accountWithKey(String placeholder, ScopesEnum scope) throws ApiException {
        UUID accountId = newAccount("account with a " + scope.getValue() + " key");
        String secret = issueKey(accountId, scope);
        keys.put(placeholder, secret);
        // States that add videos need write access, whatever the consumer's key may do.
        account = client(scope == ScopesEnum.WRITE ? secret : issueKey(accountId, ScopesEnum.WRITE));
        return Map.of(ACCOUNT_ID, accountId.toString());
    }

    private static UUID newAccount(String name) throws ApiException {
        return new AccountsApi(client(OPERATOR_SECRET)).createAccount(new AccountCreate().name(name)).getId();
    }

    private static String issueKey(UUID accountId, ScopesEnum scope) throws ApiException {
        return new AccountsApi(client(OPERATOR_SECRET))
                .createApiKey(accountId, new ApiKeyCreate().name(scope.getValue()).scopes(List.of(scope)))
                .getKey();
    }

    private static ApiResponse<Video> createVideo(ApiClient client) throws ApiException {
        return new VideosApi(client).createVideoWithHttpInfo(new VideoCreate().originalFileName("holiday.mp4"));
    }

    private static String etagOf(ApiResponse<?> response) {
        return response.getHeaders().get("ETag").get(0);
    }

    private static ApiClient client(String secret) {
        return new ApiClient().setBasePath("http://localhost:" + service.port()).setBearerToken(secret);
    }
}
