package io.mediaconnector.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The service publishes its own contract, Swagger UI on it, and its health. */
class ContractAndDocsIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static SpecCheckedHttp http;

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir);
        http = new SpecCheckedHttp(service.baseUrl());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void servesTheContractItImplements() throws Exception {
        HttpResponse<String> response = http.sendUnchecked(http.request("/openapi.yaml").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        try (InputStream spec = getClass().getResourceAsStream("/openapi.yaml")) {
            assertThat(response.body()).isEqualTo(new String(spec.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void servesSwaggerUiOnTheContract() {
        HttpResponse<String> page = http.sendUnchecked(http.request("/docs").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SwaggerUIBundle").contains("/openapi.yaml");
        HttpResponse<String> bundle = http.sendUnchecked(http.request("/docs/swagger-ui-bundle.js").GET());
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).hasSizeGreaterThan(100_000);
        assertThat(http.sendUnchecked(http.request("/docs/../../etc/passwd").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void healthReportsTheDatabaseWithoutAKey() {
        HttpResponse<String> health = http.send(http.request("/health").GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"Status\":\"Healthy\"").contains("\"Database\":\"Up\"");
    }
}
