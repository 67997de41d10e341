package io.mediaconnector.contract.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTest;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.AccountsApi;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.Account;
import io.mediaconnector.generated.client.model.AccountCreate;
import io.mediaconnector.generated.client.model.ApiKey;
import io.mediaconnector.generated.client.model.ApiKeyCreate;
import io.mediaconnector.generated.client.model.ApiKeyScope;
import io.mediaconnector.generated.client.model.VideoCreate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mediaconnector.contract.Contract.ACCOUNT_ID;
import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_ONLY_KEY;
import static io.mediaconnector.contract.Contract.ADMIN_KEY;
import static io.mediaconnector.contract.Contract.ANOTHER_ACCOUNT;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.OPERATOR_WITH_ADMIN_KEY;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_ONLY_KEY;
import static io.mediaconnector.contract.consumer.Shapes.DATE_TIME;
import static io.mediaconnector.contract.consumer.Shapes.EXAMPLE_ACCOUNT_ID;
import static io.mediaconnector.contract.consumer.Shapes.EXAMPLE_DATE_TIME;
import static io.mediaconnector.contract.consumer.Shapes.JSON;
import static io.mediaconnector.contract.consumer.Shapes.bearerWithJson;
import static io.mediaconnector.contract.consumer.Shapes.client;
import static io.mediaconnector.contract.consumer.Shapes.jsonHeaders;
import static io.mediaconnector.contract.consumer.Shapes.problemResponse;
import static io.mediaconnector.contract.consumer.VideosPactTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** API keys and their scopes: no key, too small a scope, and the operator managing accounts. */
@PactConsumerTest
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class AccessPactTest {

    @Pact(consumer = CONSUMER)
    RequestResponsePact listVideosWithoutKey(PactDslWithProvider builder) {
        return problemResponse(builder
                .uponReceiving("a request without an API key")
                .path("/api/Videos").method("GET")
                .willRespondWith().status(401)
                .matchHeader("WWW-Authenticate", "Bearer.*", "Bearer"), 401, "Unauthorized")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "listVideosWithoutKey")
    void listVideosWithoutKey(MockServer mockServer) {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> new VideosApi(client(mockServer, null)).listVideos(null, null, null, null));

        assertProblem(error, 401, "Unauthorized");
        assertThat(error.getResponseHeaders().get("WWW-Authenticate")).singleElement().asString().startsWith("Bearer");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact createVideoWithReadOnlyKey(PactDslWithProvider builder) {
        return problemResponse(builder
                .given(ACCOUNT_WITH_READ_ONLY_KEY)
                .uponReceiving("a request to create a video with a read-only key")
                .path("/api/Videos").method("POST").headers(bearerWithJson(READ_ONLY_KEY))
                .body(new PactDslJsonBody()
                        .stringType("OriginalFileName", "holiday.mp4"))
                .willRespondWith().status(403), 403, "Forbidden")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "createVideoWithReadOnlyKey")
    void createVideoWithReadOnlyKey(MockServer mockServer) {
        ApiException error = catchThrowableOfType(ApiException.class, () -> new VideosApi(client(mockServer, READ_ONLY_KEY))
                .createVideo(new VideoCreate().originalFileName("holiday.mp4")));

        assertProblem(error, 403, "Forbidden");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact createAccount(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(OPERATOR_WITH_ADMIN_KEY)
                .uponReceiving("a request by the operator to create an account")
                .path("/api/Accounts").method("POST").headers(bearerWithJson(ADMIN_KEY))
                .body(new PactDslJsonBody().stringType("Name", "Acme Video"))
                .willRespondWith().status(201)
                .matchHeader("Location", "https?://[^/]+/api/Accounts/" + Shapes.UUID_PATTERN,
                        "http://localhost:8080/api/Accounts/" + EXAMPLE_ACCOUNT_ID), JSON)
                .body(new PactDslJsonBody()
                        .uuid("Id", EXAMPLE_ACCOUNT_ID)
                        .stringType("Name", "Acme Video")
                        .stringMatcher("Created", DATE_TIME, EXAMPLE_DATE_TIME))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "createAccount")
    void createAccount(MockServer mockServer) throws ApiException {
        ApiResponse<Account> response = new AccountsApi(client(mockServer, ADMIN_KEY))
                .createAccountWithHttpInfo(new AccountCreate().name("Acme Video"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders().get("Location")).singleElement().asString()
                .endsWith("/api/Accounts/" + response.getData().getId());
        assertThat(response.getData().getName()).isEqualTo("Acme Video");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact createApiKey(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(OPERATOR_WITH_ADMIN_KEY).given(ANOTHER_ACCOUNT)
                .uponReceiving("a request by the operator to create a write key for an account")
                .pathFromProviderState("/api/Accounts/${" + ACCOUNT_ID + "}/Keys",
                        "/api/Accounts/" + EXAMPLE_ACCOUNT_ID + "/Keys")
                .method("POST").headers(bearerWithJson(ADMIN_KEY))
                .body(new PactDslJsonBody()
                        .stringType("Name", "uploader")
                        .array("Scopes").stringValue("write").closeArray())
                .willRespondWith().status(201), JSON)
                .body(new PactDslJsonBody()
                        .uuid("Id")
                        .stringType("Name", "uploader")
                        .minArrayLike("Scopes", 1, PactDslJsonRootValue.stringMatcher("read|write|admin", "write"), 1)
                        .stringType("Key", "mc_secret")
                        .stringMatcher("Created", DATE_TIME, EXAMPLE_DATE_TIME))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "createApiKey")
    void createApiKey(MockServer mockServer) throws ApiException {
        ApiKey key = new AccountsApi(client(mockServer, ADMIN_KEY)).createApiKey(EXAMPLE_ACCOUNT_ID,
                new ApiKeyCreate().name("uploader").scopes(List.of(ApiKeyScope.WRITE)));

        assertThat(key.getScopes()).containsExactly(ApiKeyScope.WRITE);
        assertThat(key.getKey()).as("the secret, shown this once").isNotBlank();
    }
}
