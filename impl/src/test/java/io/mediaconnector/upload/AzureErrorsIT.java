package io.mediaconnector.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static io.mediaconnector.upload.AzureErrorAssertions.assertAzureError;
import static io.mediaconnector.upload.AzureErrorAssertions.assertOneRequestId;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.mediaconnector.http.InFlightLimit;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.StorageFullException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error the blob protocol gives an Azure client is Azure Storage's XML with
 * {@code x-ms-error-code} and one {@code x-ms-request-id}, whatever produced it: the endpoint,
 * Jersey (no route, wrong method, a header that does not parse), the shared guards (URI length,
 * overload), a full disk or a bug. The Azure SDK surfaces each as the {@link BlobErrorCode} it knows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureErrorsIT {
    private static final long MAX_BLOB = 64 * 1024;

    @TempDir
    static Path dir;
    /** What the store throws on Put Blob, when set: a full disk, a bug. */
    final AtomicReference<Throwable> putBlobFails = new AtomicReference<>();
    final InFlightLimit inFlight = new InFlightLimit(BlobTestServer.MAX_CONCURRENT_REQUESTS);
    BlobTestServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws IOException {
        server = new BlobTestServer(dir.resolve("store"), BlobEndpointSettings.withMaxBlobBytes(MAX_BLOB), inFlight,
                this::failingOnPutBlob);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @AfterEach
    void storeWorksAgain() {
        putBlobFails.set(null);
    }

    @Test
    void aUriOverTheLimitIs414InvalidUri() throws Exception {
        String container = newContainer("v.mp4");
        String longName = "x".repeat(BlobTestServer.MAX_URI_LENGTH) + ".mp4";
        HttpResponse<String> raw = send(put(server.uploadUri(container, longName), "x"));
        assertAzureError(raw, 414, "InvalidUri");

        BlobStorageException e = sdkFailure(() -> sdk(server.uploadUri(container, longName)).upload(BinaryData.fromString("x"), true));
        assertThat(e.getStatusCode()).isEqualTo(414);
        assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.INVALID_URI);
    }

    @Test
    void overloadIs503ServerBusyWithRetryAfter() throws Exception {
        String container = newContainer("v.mp4");
        int taken = 0;
        while (inFlight.tryEnter()) {
            taken++;
        }
        try {
            HttpResponse<String> raw = send(put(server.uploadUri(container, "v.mp4"), "x"));
            assertAzureError(raw, 503, "ServerBusy");
            assertThat(raw.headers().firstValue("Retry-After")).contains("1");

            BlobStorageException e = sdkFailure(() -> sdk(server.uploadUri(container, "v.mp4")).upload(BinaryData.fromString("x"), true));
            assertThat(e.getStatusCode()).isEqualTo(503);
            assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.SERVER_BUSY);
        } finally {
            for (int i = 0; i < taken; i++) {
                inFlight.leave();
            }
        }
        assertThat(send(put(server.uploadUri(container, "v.mp4"), "x")).statusCode()).isEqualTo(201);
    }

    @Test
    void aFullDiskIs503ServerBusy() throws Exception {
        for (Throwable full : List.of(new IOException("No space left on device"),
                new StorageFullException("free space is below the reserve"))) {
            String container = newContainer("v.mp4");
            putBlobFails.set(full);
            HttpResponse<String> raw = send(put(server.uploadUri(container, "v.mp4"), "x"));
            assertAzureError(raw, 503, "ServerBusy");
            assertThat(raw.body()).contains("storage is full");
            assertThat(raw.headers().firstValue("Retry-After")).contains("30");
        }
    }

    @Test
    void aBlobOverTheMaximumIs413RequestBodyTooLarge() throws Exception {
        String container = newContainer("v.mp4");
        byte[] tooLarge = new byte[(int) MAX_BLOB + 1];
        HttpResponse<String> raw = send(HttpRequest.newBuilder(URI.create(server.uploadUri(container, "v.mp4")))
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofByteArray(tooLarge)).build());
        assertAzureError(raw, 413, "RequestBodyTooLarge");

        BlobStorageException e = sdkFailure(() -> sdk(server.uploadUri(container, "v.mp4")).upload(BinaryData.fromBytes(tooLarge), true));
        assertThat(e.getStatusCode()).isEqualTo(413);
        assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.REQUEST_BODY_TOO_LARGE);
    }

    @Test
    void anotherMethodIs405UnsupportedHttpVerbWithAllow() throws Exception {
        String container = newContainer("v.mp4");
        for (String method : List.of("POST", "DELETE", "PATCH")) {
            HttpResponse<String> raw = send(HttpRequest.newBuilder(URI.create(server.uploadUri(container, "v.mp4")))
                    .method(method, method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("x")).build());
            assertAzureError(raw, 405, "UnsupportedHttpVerb");
            assertThat(raw.headers().firstValue("Allow").orElseThrow()).contains("PUT").contains("GET").contains("HEAD");
        }
    }

    @Test
    void noRouteIs404ResourceNotFoundAndNoBlobIs404BlobNotFound() throws Exception {
        assertAzureError(send(HttpRequest.newBuilder(URI.create(root() + "/blob/asset-x")).build()), 404, "ResourceNotFound");
        assertAzureError(send(HttpRequest.newBuilder(URI.create(root() + "/blob")).build()), 404, "ResourceNotFound");

        String container = newContainer("v.mp4");
        BlobClient reader = new BlobClientBuilder()
                .endpoint(server.sasUrl(container, "v.mp4", EnumSet.of(SasPermission.READ))).buildClient();
        BlobStorageException e = sdkFailure(reader::downloadContent);
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.BLOB_NOT_FOUND);
    }

    @Test
    void aSasThatDoesNotGrantTheRequestIs403() throws Exception {
        String container = newContainer("v.mp4");
        assertAzureError(send(put(server.blobUrl(container, "v.mp4") + "?sv=2024-11-04&sig=forged", "x")),
                403, "AuthenticationFailed");
        BlobStorageException e = sdkFailure(() -> sdk(server.sasUrl(container, "v.mp4", EnumSet.of(SasPermission.READ)))
                .upload(BinaryData.fromString("x"), true));
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
    }

    @Test
    void aHeaderThatDoesNotParseIs400InvalidHeaderValue() throws Exception {
        String container = newContainer("v.mp4");
        assertAzureError(send(HttpRequest.newBuilder(URI.create(server.uploadUri(container, "v.mp4")))
                .header("x-ms-blob-type", "BlockBlob").header("Content-Type", ";;;")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build()), 400, "InvalidHeaderValue");
        assertAzureError(send(HttpRequest.newBuilder(URI.create(server.uploadUri(container, "v.mp4")))
                .header("Accept", "text/html;q=abc").GET().build()), 400, "InvalidHeaderValue");
    }

    @Test
    void aBugIs500InternalErrorWithoutInternals() throws Exception {
        String container = newContainer("v.mp4");
        putBlobFails.set(new IllegalStateException("internal detail that must not leak"));
        HttpResponse<String> raw = send(put(server.uploadUri(container, "v.mp4"), "x"));
        assertAzureError(raw, 500, "InternalError");
        assertThat(raw.body()).doesNotContain("internal detail").doesNotContain("IllegalStateException");
    }

    @Test
    void successesCarryOneRequestIdToo() throws Exception {
        String container = newContainer("v.mp4");
        HttpResponse<String> stored = send(put(server.uploadUri(container, "v.mp4"), "x"));
        assertThat(stored.statusCode()).isEqualTo(201);
        assertOneRequestId(stored);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private BlobStore failingOnPutBlob(BlobStore store) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (proxy, method, args) -> {
                    Throwable failure = putBlobFails.get();
                    if (failure != null && method.getName().equals("putBlob")) {
                        throw failure;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private String newContainer(String blob) {
        String container = "asset-" + UUID.randomUUID();
        server.targets.open(container, blob);
        return container;
    }

    private String root() {
        return "http://127.0.0.1:" + server.port;
    }

    /** The official SDK's client for one blob URL, trying once: a retried 503 would only slow the test down. */
    private static com.azure.storage.blob.specialized.BlockBlobClient sdk(String url) {
        return new BlobClientBuilder().endpoint(url)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, (java.time.Duration) null, null, null, null))
                .buildClient().getBlockBlobClient();
    }

    private static BlobStorageException sdkFailure(Runnable call) {
        BlobStorageException e = catchThrowableOfType(call::run, BlobStorageException.class);
        assertThat(e).as("the SDK reports a storage error").isNotNull();
        return e;
    }

    private static HttpRequest put(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
