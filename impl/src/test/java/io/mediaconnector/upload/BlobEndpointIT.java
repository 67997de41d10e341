package io.mediaconnector.upload;

import static io.mediaconnector.upload.AzureErrorAssertions.assertAzureError;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.mediaconnector.storage.BlobRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint over real HTTP on Grizzly: the official Azure SDK, curl, and raw requests for the error paths. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlobEndpointIT {

    private static final long MAX_BLOB = 25L * 1024 * 1024;

    @TempDir
    static Path dir;
    BlobTestServer server;
    // HTTP/1.1: the JDK client otherwise sends "Upgrade: h2c" with a body, which Grizzly never answers.
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws IOException {
        server = new BlobTestServer(dir.resolve("store"), BlobEndpointSettings.withMaxBlobBytes(MAX_BLOB));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void sdkUploadsInParallelBlocksFromTheUploadUriAlone() throws Exception {
        String container = newContainer("a6dad4be.mp4");
        Path file = randomFile("twenty.mp4", 20 * 1024 * 1024 + 123);

        BlobClient client = new BlobClientBuilder().endpoint(server.uploadUri(container, "a6dad4be.mp4")).buildClient();
        assertThat(client.getContainerName()).isEqualTo(container);
        assertThat(client.getBlobName()).isEqualTo("a6dad4be.mp4");
        client.uploadFromFileWithResponse(new BlobUploadFromFileOptions(file.toString())
                .setParallelTransferOptions(new ParallelTransferOptions()
                        .setBlockSizeLong(4L * 1024 * 1024).setMaxConcurrency(4).setMaxSingleUploadSizeLong(1024L * 1024)),
                Duration.ofMinutes(2), null);

        assertThat(storedBytes(container, "a6dad4be.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(server.store.getBlockList(container, "a6dad4be.mp4").committed()).hasSize(6);
        assertThat(server.store.getBlockList(container, "a6dad4be.mp4").uncommitted()).isEmpty();
    }

    @Test
    void sdkSingleShotUploadAndReadBackThroughAReadSas() throws Exception {
        String container = newContainer("single.mp4");
        byte[] data = randomBytes(300_000);
        BlockBlobClient writer = new BlobClientBuilder().endpoint(server.uploadUri(container, "single.mp4"))
                .buildClient().getBlockBlobClient();
        writer.upload(BinaryData.fromBytes(data), true);
        assertThat(storedBytes(container, "single.mp4")).isEqualTo(data);

        BlobClient reader = new BlobClientBuilder()
                .endpoint(server.sasUrl(container, "single.mp4", EnumSet.of(SasPermission.READ))).buildClient();
        BlobProperties properties = reader.getProperties();
        assertThat(properties.getBlobSize()).isEqualTo(data.length);
        assertThat(properties.getContentMd5()).isEqualTo(MessageDigest.getInstance("MD5").digest(data));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.downloadStream(out);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(reader.downloadContent().toBytes()).isEqualTo(data);
    }

    @Test
    void sdkSeesAzureErrorCodes() {
        String container = newContainer("x.mp4");
        BlobClient reader = new BlobClientBuilder()
                .endpoint(server.sasUrl(container, "x.mp4", EnumSet.of(SasPermission.READ))).buildClient();
        assertThat(reader.exists()).isFalse();
        BlockBlobClient readOnlyWriter = reader.getBlockBlobClient();
        try {
            readOnlyWriter.upload(BinaryData.fromString("x"), true);
            throw new AssertionError("upload with a read SAS must fail");
        } catch (BlobStorageException e) {
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getErrorCode().toString()).isEqualTo("AuthorizationPermissionMismatch");
        }
    }

    @Test
    void curlPutBlobAndHead() throws Exception {
        String container = newContainer("curl.mp4");
        Path file = randomFile("curl.mp4", 1_500_000);
        String uri = server.uploadUri(container, "curl.mp4");
        assertThat(curl("-T", file.toString(), uri, "-H", "x-ms-blob-type: BlockBlob")).isEqualTo("201");
        assertThat(storedBytes(container, "curl.mp4")).isEqualTo(Files.readAllBytes(file));

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(uri)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("1500000");
        assertThat(head.headers().firstValue("x-ms-blob-type")).contains("BlockBlob");
        assertThat(head.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(head.headers().firstValue("Content-MD5")).isPresent();
        assertThat(head.headers().firstValue("ETag")).isPresent();
        assertThat(head.headers().firstValue("x-ms-request-id")).isPresent();

        HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(URI.create(uri)).header("x-ms-range", "bytes=10-19")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 10-19/1500000");
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(Files.readAllBytes(file), 10, 20));
    }

    @Test
    void everyResponseCarriesAzureHeaders() throws Exception {
        String container = newContainer("h.mp4");
        HttpResponse<String> r = send(put(server.uploadUri(container, "h.mp4"), "abc")
                .header("x-ms-version", "2012-02-12").header("x-ms-client-request-id", "c-1").build());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("x-ms-version")).contains("2012-02-12");
        assertThat(r.headers().firstValue("x-ms-client-request-id")).contains("c-1");
        assertThat(r.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(r.headers().firstValue("Date")).isPresent();
        assertThat(r.headers().firstValue("Content-MD5")).contains(b64(md5("abc")));
        assertThat(r.headers().firstValue("x-ms-request-server-encrypted")).contains("false");
    }

    @Test
    void putBlockEchoesAnMd5OnlyWhenTheClientSentOne() throws Exception {
        // As Azure from 2019-02-02: a block is hashed to check a sent Content-MD5, not otherwise.
        String container = newContainer("e.mp4");
        String uri = server.uploadUri(container, "e.mp4") + "&comp=block&blockid=";
        HttpResponse<String> plain = send(put(uri + "QUFB", "abc").build());
        HttpResponse<String> checked = send(put(uri + "QkJC", "abc").header("Content-MD5", b64(md5("abc"))).build());

        assertThat(plain.statusCode()).isEqualTo(201);
        assertThat(plain.headers().firstValue("Content-MD5")).isEmpty();
        assertThat(checked.statusCode()).isEqualTo(201);
        assertThat(checked.headers().firstValue("Content-MD5")).contains(b64(md5("abc")));
    }

    @Test
    void wrongMd5IsRefusedAndStoresNothing() throws Exception {
        String container = newContainer("m.mp4");
        HttpResponse<String> r = send(put(server.uploadUri(container, "m.mp4"), "abc")
                .header("Content-MD5", b64(md5("abd"))).build());
        assertAzureError(r, 400, "Md5Mismatch");
        assertThat(server.store.getProperties(container, "m.mp4")).isEmpty();

        HttpResponse<String> block = send(put(server.uploadUri(container, "m.mp4") + "&comp=block&blockid=QUFB", "abc")
                .header("Content-MD5", b64(md5("abd"))).build());
        assertAzureError(block, 400, "Md5Mismatch");
        HttpResponse<String> crc = send(put(server.uploadUri(container, "m.mp4") + "&comp=block&blockid=QUFB", "abc")
                .header("x-ms-content-crc64", b64(new byte[8])).build());
        assertAzureError(crc, 400, "Crc64Mismatch");
        assertThat(server.store.getBlockList(container, "m.mp4").uncommitted()).isEmpty();
    }

    @Test
    void blocksAreIdempotentAndBlockListsAreChecked() throws Exception {
        String container = newContainer("b.mp4");
        String uri = server.uploadUri(container, "b.mp4");
        String id = "AA+/AA==";  // '+', '/' and '=' sent unescaped on purpose
        Crc64 crc = new Crc64();
        crc.update("first".getBytes(), 0, 5);
        assertThat(send(put(uri + "&comp=block&blockid=" + id, "first")
                .header("x-ms-content-crc64", b64(crc.toWireBytes())).build()).statusCode()).isEqualTo(201);
        assertThat(send(put(uri + "&comp=block&blockid=" + id, "first").build()).statusCode()).isEqualTo(201);
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(uri + "&comp=blocklist&blocklisttype=all")).build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<UncommittedBlocks><Block><Name>AA+/AA==</Name><Size>5</Size></Block></UncommittedBlocks>");

        assertAzureError(send(put(uri + "&comp=blocklist",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList><Latest>AA+/AA==</Latest><Latest>QkJC</Latest></BlockList>")
                .build()), 400, "InvalidBlockList");
        assertAzureError(send(put(uri + "&comp=block&blockid=not-base64!", "x").build()), 400, "InvalidBlockId");
        assertAzureError(send(put(uri + "&comp=blocklist", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><BlockList><Latest>&e;</Latest></BlockList>")
                .build()), 400, "InvalidXmlDocument");

        HttpResponse<String> commit = send(put(uri + "&comp=blocklist",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList><Uncommitted>AA+/AA==</Uncommitted></BlockList>")
                .header("x-ms-blob-content-md5", b64(md5("first"))).header("x-ms-blob-content-type", "video/mp4").build());
        assertThat(commit.statusCode()).isEqualTo(201);
        assertThat(new String(storedBytes(container, "b.mp4"))).isEqualTo("first");
        assertThat(server.store.getProperties(container, "b.mp4").orElseThrow().contentType()).isEqualTo("video/mp4");
    }

    @Test
    void badSignaturesAreRefusedAndNothingIsWritten() throws Exception {
        String container = newContainer("s.mp4");
        String other = newContainer("s.mp4");
        Instant now = Instant.now();
        String base = server.blobUrl(container, "s.mp4") + "?";
        String expired = base + server.sas.sign(container, EnumSet.of(SasPermission.WRITE),
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        String valid = server.uploadUri(container, "s.mp4");
        String tampered = valid.replace("sp=rcw", "sp=rcwd");
        String otherContainer = base + server.sas.sign(other, EnumSet.of(SasPermission.WRITE), now.minusSeconds(60),
                now.plusSeconds(3600));
        String unsigned = server.blobUrl(container, "s.mp4");
        for (String uri : List.of(expired, tampered, otherContainer, unsigned)) {
            assertAzureError(send(put(uri, "x").build()), 403, "AuthenticationFailed");
        }
        String readOnly = server.sasUrl(container, "s.mp4", EnumSet.of(SasPermission.READ));
        assertAzureError(send(put(readOnly, "x").build()), 403, "AuthorizationPermissionMismatch");
        String writeOnly = server.sasUrl(container, "s.mp4", EnumSet.of(SasPermission.WRITE));
        assertAzureError(send(HttpRequest.newBuilder(URI.create(writeOnly)).build()), 403, "AuthorizationPermissionMismatch");
        assertThat(server.store.getProperties(container, "s.mp4")).isEmpty();
    }

    @Test
    void onlyTheExpectedBlobOfAnOpenUploadMayBeWritten() throws Exception {
        String container = newContainer("v.mp4");
        assertAzureError(send(put(server.uploadUri(container, "other.mp4"), "x").build()), 403, "AuthorizationPermissionMismatch");
        server.targets.close(container);
        assertAzureError(send(put(server.uploadUri(container, "v.mp4"), "x").build()), 409, "BlobImmutableDueToPolicy");
        assertAzureError(send(put(server.uploadUri(container, "v.mp4") + "&comp=block&blockid=QUFB", "x").build()),
                409, "BlobImmutableDueToPolicy");
        String unknown = "asset-00000000-0000-0000-0000-000000000000";
        assertAzureError(send(put(server.uploadUri(unknown, "v.mp4"), "x").build()), 404, "ContainerNotFound");
        assertThat(server.store.getProperties(container, "v.mp4")).isEmpty();
    }

    @Test
    void pathTraversalIsRefused() throws Exception {
        String container = newContainer("t.mp4");
        String sas = server.uploadUri(container, "t.mp4");
        String query = sas.substring(sas.indexOf('?'));
        String root = "http://127.0.0.1:" + server.port + "/blob/";
        for (String path : List.of(container + "/../../../etc/passwd", container + "/%2e%2e/%2e%2e/x",
                container + "/..%2F..%2Fx", container + "/a%5C..%5Cb", "..%2F" + container + "/x", container + "/%252e%252e/x")) {
            String code = curl("--path-as-is", "-X", "PUT", "--data-binary", "x", "-H", "x-ms-blob-type: BlockBlob",
                    root + path + query);
            assertThat(code).as(path).doesNotStartWith("2");
        }
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
        assertThat(Files.exists(dir.resolve("etc"))).isFalse();
        assertThat(server.store.listBlobs(container, "")).isEmpty();
    }

    @Test
    void oversizeBodiesAreRefused() throws Exception {
        String container = newContainer("big.mp4");
        Path file = randomFile("big.bin", (int) MAX_BLOB + 1);
        assertThat(curl("-T", file.toString(), server.uploadUri(container, "big.mp4"), "-H", "x-ms-blob-type: BlockBlob"))
                .isEqualTo("413");
        // Chunked, so the limit is only noticed while streaming.
        assertThat(curl("-T", "-", server.uploadUri(container, "big.mp4"), "-H", "x-ms-blob-type: BlockBlob",
                "-H", "Transfer-Encoding: chunked", "--stdin-file", file.toString())).isEqualTo("413");
        assertThat(server.store.getProperties(container, "big.mp4")).isEmpty();
    }

    @Test
    void unknownCompIsAClearError() throws Exception {
        String container = newContainer("c.mp4");
        HttpResponse<String> r = send(put(server.uploadUri(container, "c.mp4") + "&comp=appendblock", "x").build());
        assertAzureError(r, 400, "InvalidQueryParameterValue");
        assertThat(r.body()).contains("comp=appendblock is not supported");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String newContainer(String blob) {
        String container = "asset-" + java.util.UUID.randomUUID();
        server.targets.open(container, blob);
        return container;
    }

    private HttpRequest.Builder put(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private byte[] storedBytes(String container, String blob) throws IOException {
        try (BlobRead read = server.store.openForRead(container, blob, Optional.empty())) {
            return read.content().readAllBytes();
        }
    }

    /** Runs real curl; returns the HTTP status it saw ("000" if none). */
    private String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}"));
        Path stdin = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--stdin-file")) {
                stdin = Path.of(args[++i]);
            } else {
                command.add(args[i]);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return out;
    }

    private Path randomFile(String name, int size) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, randomBytes(size));
        return file;
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static byte[] md5(String s) throws Exception {
        return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
