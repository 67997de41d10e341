package io.mediaconnector.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.mediaconnector.it.fuzz.SpecOperations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw HTTP to the running service where every response of a documented operation is checked
 * against openapi.yaml (status, headers, body schema).
 */
public final class SpecCheckedHttp {
    private static final String SPEC = SpecCheckedHttp.class.getResource("/openapi.yaml").toString();
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForSpecificationUrl(SPEC).build();
    /** The validator takes any status to a {@code default} response; these say which statuses it stands for. */
    private static final SpecOperations OPERATIONS = new SpecOperations(SPEC);

    // HTTP/1.1: the JDK's default h2c upgrade attempt is not what API clients send.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SpecCheckedHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    public HttpRequest.Builder request(String pathAndQuery, String key) {
        return request(pathAndQuery).header("Authorization", "Bearer " + key);
    }

    /** Sends, then asserts the response conforms to the contract. */
    public HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpResponse<String> response = sendUnchecked(builder);
        assertConforms(response);
        return response;
    }

    /** Sends without checking the contract: for methods or paths the contract does not have. */
    public HttpResponse<String> sendUnchecked(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void assertConforms(HttpResponse<String> response) {
        HttpRequest request = response.request();
        SimpleResponse.Builder simple = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> simple.withHeader(name, values));
        if (!response.body().isEmpty()) {
            simple.withBody(response.body());
        }
        ValidationReport report = VALIDATOR.validateResponse(request.uri().getPath(),
                Request.Method.valueOf(request.method()), simple.build());
        assertThat(report.getMessages())
                .as("%s %s → %d does not match openapi.yaml: %s", request.method(), request.uri(),
                        response.statusCode(), response.body())
                .extracting(message -> message.getLevel() + " " + message.getKey() + ": " + message.getMessage())
                .filteredOn(text -> text.startsWith("ERROR"))
                .isEmpty();
        OPERATIONS.match(request.method(), request.uri().getRawPath()).ifPresent(operation ->
                assertThat(operation.statuses())
                        .as("%s %s → %d is not declared for the operation: %s", request.method(), request.uri(),
                                response.statusCode(), response.body())
                        .contains(response.statusCode()));
    }

    public static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + " " + response.body();
    }
}
