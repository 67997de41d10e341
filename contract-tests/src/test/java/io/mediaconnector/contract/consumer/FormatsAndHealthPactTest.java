package io.mediaconnector.contract.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonArray;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTest;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.api.FormatsApi;
import io.mediaconnector.generated.client.api.HealthApi;
import io.mediaconnector.generated.client.model.Format;
import io.mediaconnector.generated.client.model.Health;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_ONLY_KEY;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_ONLY_KEY;
import static io.mediaconnector.contract.consumer.Shapes.JSON;
import static io.mediaconnector.contract.consumer.Shapes.bearer;
import static io.mediaconnector.contract.consumer.Shapes.client;
import static io.mediaconnector.contract.consumer.Shapes.jsonHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/** The input formats (any key) and the health check (no key). */
@PactConsumerTest
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class FormatsAndHealthPactTest {

    @Pact(consumer = CONSUMER)
    RequestResponsePact listFormats(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_ONLY_KEY)
                .uponReceiving("a request for the input formats")
                .path("/api/Formats").method("GET").headers(bearer(READ_ONLY_KEY))
                .willRespondWith().status(200), JSON)
                .body(PactDslJsonArray.arrayMinLike(1)
                        .stringMatcher("Extension", "\\w+", "mp4")
                        .stringMatcher("MimeType", "\\w+/[\\w.+-]+", "video/mp4")
                        .closeObject())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "listFormats")
    void listFormats(MockServer mockServer) throws ApiException {
        List<Format> formats = new FormatsApi(client(mockServer, READ_ONLY_KEY)).listFormats();

        assertThat(formats).isNotEmpty().allSatisfy(format -> {
            assertThat(format.getExtension()).isNotBlank();
            assertThat(format.getMimeType()).contains("/");
        });
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getHealth(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .uponReceiving("a health check")
                .path("/health").method("GET")
                .willRespondWith().status(200), JSON)
                .body(new PactDslJsonBody()
                        .stringMatcher("Status", "Healthy|Unhealthy", "Healthy")
                        .stringMatcher("Database", "Up|Down", "Up")
                        .stringMatcher("Disk", "Ok|Low", "Ok")
                        .integerType("DiskFreeBytes", 85_899_345_920L)
                        .integerType("DiskReserveBytes", 268_435_456L)
                        .stringType("Version", "0.1.0"))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "getHealth")
    void getHealth(MockServer mockServer) throws ApiException {
        Health health = new HealthApi(client(mockServer, null)).getHealth();

        assertThat(health.getStatus()).isEqualTo(Health.StatusEnum.HEALTHY);
        assertThat(health.getDatabase()).isEqualTo(Health.DatabaseEnum.UP);
        assertThat(health.getDisk()).isEqualTo(Health.DiskEnum.OK);
        assertThat(health.getDiskFreeBytes()).isGreaterThanOrEqualTo(health.getDiskReserveBytes());
    }
}
