package io.mediaconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.it.media.MediaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regressions of the hostile-HTTP findings, each through a raw socket (no client library sends
 * these): what Grizzly's codec used to answer with a 500 HTML stack trace, an empty 400, a hang,
 * or not at all. Each answer is a problem (Azure XML on /blob) with a request id.
 */
class HostileHttpIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static RawHttp raw;
    static String key;
    static String uploadPath;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir, Map.of(
                "HEADER_TIMEOUT", "PT1S",
                "IDLE_TIMEOUT", "PT1S",
                "REQUEST_BODY_TIMEOUT", "PT1S",
                "MAX_URI_LENGTH", "2048"));
        raw = new RawHttp(port());
        key = service.newAccountKey("write");
        URI upload = URI.create(new MediaClient(new SpecCheckedHttp(service.baseUrl()), key).create("x.mp4").uploadUri());
        uploadPath = upload.getRawPath() + "?" + upload.getRawQuery();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void malformedUrisAre400ProblemsBeforeAuthentication() throws Exception {
        for (String target : List.of("/health?a=%", "/health?a=%zz", "/api/Videos/%zz", "/api/Videos/a{b}", "/api/Videos/a|b",
                "/api/Videos/a\\b", "/api/Videos/a^b", "/api/Videos/a`b", "/health?q=}", "/he\u00e4lth")) {
            RawHttp.Answer answer = raw.exchange("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertProblem(answer, 400, "MalformedUri");
        }
        RawHttp.Answer blob = raw.exchange("PUT /blob/asset-x/a{b} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
        assertAzureError(blob, 400, "InvalidUri");
    }

    @Test
    void bodiesOnGetAndDeleteAreRefused() throws Exception {
        for (String method : List.of("GET", "DELETE", "HEAD", "OPTIONS")) {
            RawHttp.Answer answer = raw.exchange(method + " /api/Videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + key + "\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(answer.status()).as(method).isEqualTo(400);
            assertThat(answer.header("x-ms-request-id")).as(method).isNotBlank();
            assertThat(answer.header("connection")).as(method).isEqualTo("close");
            if (!method.equals("HEAD")) {
                assertProblem(answer, 400, "BodyNotAllowed");
            }
        }
    }

    @Test
    void oversizedAndMalformedHeadersAre400Problems() throws Exception {
        StringBuilder many = new StringBuilder("GET /health HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 120; i++) {
            many.append("X-Header-").append(i).append(": v\r\n");
        }
        assertProblem(raw.exchange(many.append("\r\n").toString()), 400, "HeadersTooLarge");
        assertProblem(raw.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n"),
                400, "HeadersTooLarge");
        assertProblem(raw.exchange("POST /api/Videos HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n"),
                400, "MalformedHeader");
        assertProblem(raw.exchange("POST /api/Videos HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n"),
                400, "MalformedHeader");
        assertProblem(raw.exchange("GET /health HTTP/1.1\r\nHost: a b\r\n\r\n"), 400, "MalformedHeader");
        assertProblem(raw.exchange("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "MalformedHeader");
        assertProblem(raw.exchange("GET /health HTTP/1.1\r\nHost: one\r\nHost: two\r\n\r\n"), 400, "MalformedHeader");
        assertProblem(raw.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nAccept: text/html;q=abc\r\n\r\n"),
                400, "MalformedHeader");
        assertProblem(raw.exchange("GET /health HTTP/1.2\r\nHost: localhost\r\n\r\n"), 400, "InvalidRequest");
    }

    @Test
    void aHeaderLineWithoutAColonIsRefusedAtOnceNotAHang() throws Exception {
        long started = System.nanoTime();
        assertProblem(raw.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n"), 400, "MalformedHeader");
        assertProblem(raw.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nNoColon\r\nConnection: close\r\n\r\n"),
                400, "MalformedHeader");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() throws Exception {
        String smuggled = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for (String framing : List.of("Content-Length: 5\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: chunked\r\nContent-Length: 5")) {
            RawHttp.Answer answer = raw.exchange("POST /api/Videos HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n\r\n0\r\n\r\n"
                    + smuggled);
            assertProblem(answer, 400, "AmbiguousFraming");
            assertThat(answer.header("connection")).isEqualTo("close");
        }
        assertProblem(raw.exchange("POST /api/Videos HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\nabc"),
                400, "AmbiguousFraming");
    }

    @Test
    void aHeaderSentTooSlowlyGets408AndTheConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            String header = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(40);
            for (char c : header.toCharArray()) {
                try {
                    out.write(c);
                    out.flush();
                    Thread.sleep(100);
                } catch (java.net.SocketException closed) {
                    break; // the server hung up: its answer is waiting to be read
                }
                if (socket.getInputStream().available() > 0) {
                    break;
                }
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                    .contains("\"code\":\"RequestTimeout\"").contains("x-ms-request-id:");
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4)); // sending it all takes 6 s
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] first = new byte[12];
            assertThat(in.readNBytes(first, 0, 12)).isEqualTo(12);
            assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            long idleFrom = System.nanoTime();
            in.readAllBytes(); // the rest of the answer, then the end of the stream when the server closes
            assertThat(Duration.ofNanos(System.nanoTime() - idleFrom)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(4));
        }
    }

    @Test
    void aStalledBlobBodyIs408InAzureXmlNot500() throws Exception {
        RawHttp.Answer answer = raw.exchange(("PUT " + uploadPath + " HTTP/1.1\r\nHost: localhost\r\nx-ms-blob-type: BlockBlob\r\n"
                + "Content-Length: 100\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII), false, Duration.ofSeconds(10));
        assertAzureError(answer, 408, "OperationTimedOut");
    }

    @Test
    void problemsEchoABoundedInstance() throws Exception {
        RawHttp.Answer answer = raw.exchange("GET /api/Videos/" + "x".repeat(5_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        JsonNode problem = assertProblem(answer, 414, "UriTooLong");
        assertThat(problem.get("instance").asText()).hasSizeLessThanOrEqualTo(256).startsWith("/api/Videos/xxx");
    }

    @Test
    void matrixParametersDoNotRouteAroundAuthentication() throws Exception {
        assertProblem(raw.exchange("GET /api;x=1/Videos HTTP/1.1\r\nHost: localhost\r\n\r\n"), 401, "Unauthorized");
        assertProblem(raw.exchange("GET /%61pi/Videos HTTP/1.1\r\nHost: localhost\r\n\r\n"), 404, "NotFound");
        assertProblem(raw.exchange("POST /api/Accounts;x=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"Name\":\"x\"}"), 403, "Forbidden");
    }

    private JsonNode assertProblem(RawHttp.Answer answer, int status, String code) throws Exception {
        assertThat(answer.status()).as(answer.raw() + answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception");
        assertThat(problem.get("requestId").asText()).isEqualTo(answer.header("x-ms-request-id")).isNotBlank();
        return problem;
    }

    private static void assertAzureError(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.raw() + answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/xml");
        assertThat(answer.header("x-ms-error-code")).isEqualTo(code);
        assertThat(answer.header("x-ms-request-id")).isNotBlank();
        assertThat(answer.body()).contains("<Error><Code>" + code + "</Code><Message>");
    }

    private static int port() {
        return URI.create(service.baseUrl()).getPort();
    }
}
