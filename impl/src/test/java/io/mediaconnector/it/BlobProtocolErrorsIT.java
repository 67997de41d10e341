package io.mediaconnector.it;

import io.mediaconnector.it.media.MediaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.mediaconnector.upload.AzureErrorAssertions.assertAzureError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service: under {@code /blob} every error, wherever it arises (the HTTP layer, the
 * router, the shared guards, Jersey, the endpoint), is Azure Storage's XML with
 * {@code x-ms-error-code} and exactly one {@code x-ms-request-id}; everywhere else errors stay
 * problem+json, and the API no longer knows the blob protocol's paths.
 */
class BlobProtocolErrorsIT {
    private static final int MAX_UPLOAD_BYTES = 4096;

    @TempDir
    static Path dataDir;
    static TestService service;
    static String uploadUri;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir, Map.of("MAX_URI_LENGTH", "2048",
                "MAX_UPLOAD_BYTES", Integer.toString(MAX_UPLOAD_BYTES)));
        String key = service.newAccountKey("write");
        uploadUri = new MediaClient(new SpecCheckedHttp(service.baseUrl()), key).create("x.mp4").uploadUri();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aUriOverTheLimitIs414InvalidUri() throws Exception {
        assertAzureError(send(put(uploadUri + "&pad=" + "x".repeat(3000), "x")), 414, "InvalidUri");
    }

    @Test
    void aBodyOverTheUploadLimitIs413RequestBodyTooLarge() throws Exception {
        assertAzureError(send(put(uploadUri, "x".repeat(MAX_UPLOAD_BYTES + 1))), 413, "RequestBodyTooLarge");
    }

    @Test
    void postIs405UnsupportedHttpVerb() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(uploadUri))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertAzureError(answer, 405, "UnsupportedHttpVerb");
        assertThat(answer.headers().firstValue("Allow").orElseThrow()).contains("PUT");
    }

    @Test
    void noSuchRouteIs404ResourceNotFoundHoweverThePathIsSpelt() throws Exception {
        for (String path : List.of("/blob", "/blob/asset-x", "/%62lob/asset-x", "/blob;v=1/asset-x")) {
            assertAzureError(send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build()), 404, "ResourceNotFound");
        }
    }

    @Test
    void aHeaderThatDoesNotParseIs400InvalidHeaderValue() throws Exception {
        assertAzureError(send(HttpRequest.newBuilder(URI.create(uploadUri)).header("x-ms-blob-type", "BlockBlob")
                .header("Content-Type", ";;;").PUT(HttpRequest.BodyPublishers.ofString("x")).build()), 400, "InvalidHeaderValue");
    }

    @Test
    void aForgedSignatureIs403AuthenticationFailed() throws Exception {
        assertAzureError(send(put(uploadUri.replaceFirst("sig=[^&]+", "sig=forged"), "x")), 403, "AuthenticationFailed");
    }

    @Test
    void theApiDoesNotServeBlobPathsAndKeepsItsProblems() throws Exception {
        HttpResponse<String> elsewhere = send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/blobs/asset-x/x.mp4"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(elsewhere.headers().allValues("x-ms-request-id")).hasSize(1);
    }

    @Test
    void theInFlightLimitIsSharedAndShedsBlobRequestsAsServerBusy(@TempDir Path otherDataDir) throws Exception {
        try (TestService small = TestService.start(otherDataDir, Map.of("MAX_CONCURRENT_REQUESTS", "1",
                "REQUEST_BODY_TIMEOUT", "PT10S"))) {
            String key = small.newAccountKey("write");
            String upload = new MediaClient(new SpecCheckedHttp(small.baseUrl()), key).create("x.mp4").uploadUri();
            try (Socket slow = new Socket("localhost", URI.create(small.baseUrl()).getPort())) {
                // An API request whose body never finishes holds the node's only place.
                OutputStream out = slow.getOutputStream();
                out.write(("POST /api/Videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(500);
                HttpResponse<String> shed = send(put(upload, "x"));
                assertAzureError(shed, 503, "ServerBusy");
                assertThat(shed.headers().firstValue("Retry-After")).contains("1");
            }
        }
    }

    private static HttpRequest put(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
