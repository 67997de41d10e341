package io.mediaconnector.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaconnector.generated.client.ApiClient;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.HealthApi;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.junit.jupiter.api.Test;

class HealthResourceTest extends JerseyTest {

    @Override
    protected Application configure() {
        forceSet(TestProperties.CONTAINER_PORT, "0"); // any free port: builds may run side by side
        return new ResourceConfig(HealthResource.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }

    @Test
    void generatedClientSeesHealthy() throws Exception {
        ApiClient client = new ApiClient().setBasePath(getBaseUri().toString().replaceAll("/$", ""));

        ApiResponse<Void> response = new HealthApi(client).getHealthWithHttpInfo();

        assertThat(response.getStatusCode()).isEqualTo(200);
    }
}
