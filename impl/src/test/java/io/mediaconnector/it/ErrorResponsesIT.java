package io.mediaconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error the service or the container produces is problem+json with the right status. */
class ErrorResponsesIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static SpecCheckedHttp http;
    static String writeKey;
    static String readKey;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir, Map.of(
                "REQUEST_BODY_TIMEOUT", "PT2S",
                "MAX_REQUEST_BODY_BYTES", "65536",
                "MAX_URI_LENGTH", "2048"));
        http = new SpecCheckedHttp(service.baseUrl());
        writeKey = service.newAccountKey("write");
        readKey = service.newAccountKey("read");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(post("{\"OriginalFileName\":", "application/json"), 400, "MalformedJson");
        assertProblem(post("[1,2]", "application/json"), 400, "InvalidRequest");
        assertProblem(post("{\"OriginalFileName\":\"a.mp4\",\"Tags\":\"x\"}", "application/json"), 400, "InvalidRequest");
        assertProblem(post("[".repeat(3000), "application/json"), 400, "InvalidRequest");
        assertProblem(post("{\"Metadata\":" + "{\"a\":".repeat(3000), "application/json"), 400, "InvalidRequest");
    }

    @Test
    void unknownPropertyIs400NamingIt() throws Exception {
        JsonNode problem = assertProblem(post("{\"OriginalFileName\":\"a.mp4\",\"Sneaky\":true}", "application/json"),
                400, "UnknownProperty");
        assertThat(problem.get("detail").asText()).contains("'Sneaky'");
    }

    @Test
    void unknownRouteIs404() throws Exception {
        assertProblem(http.sendUnchecked(http.request("/api/Nothing", writeKey).GET()), 404, "NotFound");
        assertProblem(http.sendUnchecked(http.request("/favicon.ico").GET()), 404, "NotFound");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = http.sendUnchecked(http.request("/api/Videos", writeKey)
                .method("PATCH", BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertProblem(response, 405, "MethodNotAllowed");
        assertThat(response.headers().firstValue("Allow").orElseThrow()).contains("GET").contains("POST");
        HttpResponse<String> onHealth = http.sendUnchecked(http.request("/health").DELETE());
        assertProblem(onHealth, 405, "MethodNotAllowed");
    }

    @Test
    void unservableAcceptIs406() throws Exception {
        assertProblem(http.send(http.request("/api/Videos", writeKey).header("Accept", "text/html").GET()),
                406, "NotAcceptable");
        assertProblem(http.send(http.request("/health").header("Accept", "application/xml").GET()), 406, "NotAcceptable");
        HttpResponse<String> fine = http.send(http.request("/api/Videos", writeKey)
                .header("Accept", "text/html, application/json;q=0.5").GET());
        assertThat(fine.statusCode()).isEqualTo(200);
    }

    @Test
    void acceptIsNegotiatedOnlyWhereARepresentationComesBack() throws Exception {
        String id = json.readTree(post("{\"OriginalFileName\":\"a.mp4\"}", "application/json").body()).get("Id").asText();
        HttpResponse<String> deleted = http.send(http.request("/api/Videos/" + id, writeKey).header("Accept", "text/html").DELETE());
        assertThat(deleted.statusCode()).as("DELETE answers 204 whatever Accept says").isEqualTo(204);
        assertProblem(http.sendUnchecked(http.request("/api/Nothing", writeKey).header("Accept", "text/html").GET()),
                404, "NotFound");
        assertProblem(http.sendUnchecked(http.request("/api/Videos", writeKey).header("Accept", "text/html")
                .method("PATCH", BodyPublishers.noBody())), 405, "MethodNotAllowed");
    }

    @Test
    void malformedAcceptOrContentTypeIs400() throws Exception {
        assertProblem(http.send(http.request("/api/Videos", writeKey).header("Accept", "text/html;q=abc").GET()),
                400, "MalformedHeader");
        assertProblem(http.send(http.request("/health").header("Content-Type", ";;;").GET()), 400, "MalformedHeader");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertProblem(post("OriginalFileName=a.mp4", "application/x-www-form-urlencoded"), 415, "UnsupportedMediaType");
        assertProblem(post("<Video/>", "application/xml"), 415, "UnsupportedMediaType");
    }

    @Test
    void bodyOverTheLimitIs413DeclaredOrChunked() throws Exception {
        String big = "{\"OriginalFileName\":\"" + "a".repeat(70_000) + ".mp4\"}";
        assertProblem(post(big, "application/json"), 413, "PayloadTooLarge");
        HttpResponse<String> chunked = http.send(http.request("/api/Videos", writeKey)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertProblem(chunked, 413, "PayloadTooLarge");
    }

    @Test
    void uriOverTheLimitIs414() throws Exception {
        assertProblem(http.send(http.request("/api/Videos?tag=" + "x".repeat(3000), writeKey).GET()), 414, "UriTooLong");
    }

    @Test
    void stalledBodyIs408() throws Exception {
        try (Socket socket = postWithShortBody()) {
            socket.setSoTimeout(15_000);
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(response).contains("application/problem+json").contains("\"code\":\"RequestTimeout\"");
        }
    }

    @Test
    void bodyEndingBeforeItsLengthIsTheClients400NotA500() throws Exception {
        // The client is gone when its answer is ready, so the access log is where the status shows.
        ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("access");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try (Socket socket = postWithShortBody()) {
            socket.shutdownOutput();
            socket.setSoTimeout(15_000);
            readAll(socket.getInputStream());
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (!logged(lines, "POST /api/Videos 400 ") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(logged(lines, "POST /api/Videos 400 ")).as("access log has the 400").isTrue();
        } finally {
            access.detachAppender(lines);
        }
    }

    @Test
    void missingOrBadKeyIs401() throws Exception {
        HttpResponse<String> none = http.send(http.request("/api/Videos").GET());
        assertProblem(none, 401, "Unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertProblem(http.send(http.request("/api/Videos", "mc_not-a-key").GET()), 401, "Unauthorized");
        assertProblem(http.send(http.request("/api/Videos").header("Authorization", "Basic YTpi").GET()), 401, "Unauthorized");
    }

    @Test
    void missingScopeIs403() throws Exception {
        HttpResponse<String> write = http.send(http.request("/api/Videos", readKey)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"OriginalFileName\":\"a.mp4\"}")));
        assertProblem(write, 403, "Forbidden");
        HttpResponse<String> admin = http.send(http.request("/api/Accounts", writeKey)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"Name\":\"x\"}")));
        assertProblem(admin, 403, "Forbidden");
        assertThat(http.send(http.request("/api/Videos", readKey).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesARequestId() {
        HttpResponse<String> ok = http.send(http.request("/health").GET());
        HttpResponse<String> error = http.send(http.request("/api/Videos").GET());
        assertThat(ok.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(error.headers().firstValue("x-ms-request-id")).isPresent()
                .isNotEqualTo(ok.headers().firstValue("x-ms-request-id"));
    }

    private HttpResponse<String> post(String body, String contentType) {
        return http.send(http.request("/api/Videos", writeKey).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)));
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at io.");
        assertThat(response.headers().firstValue("x-ms-request-id")).isPresent();
        return problem;
    }

    /** A POST that announces 100 bytes of body and sends 6 of them. */
    private Socket postWithShortBody() throws java.io.IOException {
        Socket socket = new Socket("localhost", URI.create(service.baseUrl()).getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/Videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + writeKey
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Orig")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static boolean logged(ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines,
                                  String prefix) {
        synchronized (lines) { // the appender adds under this lock
            return lines.list.stream().anyMatch(line -> line.getFormattedMessage().startsWith(prefix));
        }
    }

    private static byte[] readAll(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.toString(StandardCharsets.UTF_8).contains("}")) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // whatever arrived is the answer
        }
        return out.toByteArray();
    }
}
