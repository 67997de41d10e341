package io.mediaconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.media.Clips;
import io.mediaconnector.it.media.MediaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker's view (OWASP API Security Top 10 2023, as it applies here): broken object and
 * function level authorization, unrestricted resource consumption, traversal through blob and
 * output paths, tokens replayed on other videos. Every attempt is refused with a 4xx, never a
 * 500, and neither the database nor the blob store changes. (Cross-account access on every
 * {id} route is {@link AccountIsolationIT}; SAS abuse on the blob endpoint is
 * {@code media.BadInputsIT}.)
 */
class AttackerSuiteIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static SpecCheckedHttp http;
    static MediaClient owner;
    static String readOnlyKey;
    static String protectedId;
    static String protectedKeyId;
    static String otherProtectedId;
    static String clearId;

    @BeforeAll
    static void setUp() {
        service = TestService.start(dataDir);
        http = new SpecCheckedHttp(service.baseUrl());
        owner = new MediaClient(http, service.newAccountKey("write"));
        readOnlyKey = service.newAccountKey("read");
        JsonNode first = owner.createProtected("a.mp4");
        JsonNode second = owner.createProtected("b.mp4");
        protectedId = first.get("Id").asText();
        protectedKeyId = first.get("ContentProtectionKeyId").asText();
        otherProtectedId = second.get("Id").asText();
        MediaClient.Created clear = owner.create("clear.mp4");
        owner.curlUpload(clear.uploadUri(), Clips.landscapeH264());
        owner.markComplete(clear.id());
        assertThat(owner.awaitSettled(clear.id(), Duration.ofSeconds(120)).get("Status").asText()).isEqualTo("Completed");
        clearId = clear.id();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void attacksChangeNothing() throws Exception {
        Map<String, Long> blobsBefore = blobTree();
        String videosBefore = http.send(http.request("/api/Videos?pageSize=100", owner.key()).GET()).body();

        readOnlyKeysCannotWrite();
        pathsCannotLeaveTheirPlace();
        tokensOpenOnlyTheirOwnVideo();
        oversizedInputsAre4xx();

        assertThat(blobTree()).as("blob store").isEqualTo(blobsBefore);
        assertThat(http.send(http.request("/api/Videos?pageSize=100", owner.key()).GET()).body()).as("videos")
                .isEqualTo(videosBefore);
    }

    private void readOnlyKeysCannotWrite() {
        List<HttpRequest.Builder> writes = List.of(
                http.request("/api/Videos", readOnlyKey).header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"OriginalFileName\":\"x.mp4\"}")),
                http.request("/api/Videos/" + clearId, readOnlyKey).header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString("{\"Name\":\"x\"}")),
                http.request("/api/Videos/" + clearId, readOnlyKey).DELETE(),
                http.request("/api/Videos/" + clearId + "/MarkComplete", readOnlyKey).POST(BodyPublishers.noBody()),
                http.request("/api/Accounts", owner.key()).header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"Name\":\"mine now\"}")));
        for (HttpRequest.Builder write : writes) {
            assertThat(http.send(write).statusCode()).isEqualTo(403);
        }
    }

    private void pathsCannotLeaveTheirPlace() throws Exception {
        String hls = owner.playbackUrl(clearId, "HLS");
        String streamBase = hls.substring(0, hls.indexOf("/final/"));
        String locatorPath = URI.create(streamBase).getRawPath();
        List<String> attempts = List.of(
                locatorPath + "/final/../../../secrets/signing.key",
                locatorPath + "/final/..%2F..%2F..%2Fsecrets%2Fsigning.key",
                locatorPath + "/%2e%2e/%2e%2e/secrets/signing.key",
                locatorPath + "/final/cmaf/%2Fetc%2Fpasswd",
                locatorPath + "/staging/x",
                locatorPath + "/final/cmaf/master.m3u8%00.jpg",
                "/stream/..%2F..%2Fsecrets/final/x",
                "/blob/asset-" + clearId + "/..%2F..%2Fsecrets%2Fsigning.key",
                "/blob/../../secrets/signing.key",
                "/blob/asset-" + clearId + "/%2Fetc%2Fpasswd",
                "/docs/..%2F..%2Fpom.xml",
                "/keys/" + protectedId + "/..%2F..%2Fsecrets");
        for (String path : attempts) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response).as(path).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            assertThat(response).as(path).doesNotContain("root:").doesNotContain("<artifactId>");
        }
    }

    private void tokensOpenOnlyTheirOwnVideo() throws Exception {
        String token = http.send(http.request("/api/Videos/" + protectedId + "/AuthorizationToken?KeyId=" + protectedKeyId,
                owner.key()).GET()).body().replaceAll(".*\"value\":\"Bearer=([^\"]+)\".*", "$1");
        String otherKeyId = owner.read(http.send(http.request("/api/Videos/" + otherProtectedId, owner.key()).GET()), 200)
                .get("ContentProtectionKeyId").asText();
        String replayed = raw("GET /keys/" + otherProtectedId + "/" + otherKeyId + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        assertThat(replayed).startsWith("HTTP/1.1 403").contains("\"code\":\"TokenNotForThisKey\"")
                .containsIgnoringCase("Cache-Control: no-store").contains("playback token").doesNotContain("scope");
        String ownKey = raw("GET /keys/" + protectedId + "/" + protectedKeyId + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        assertThat(ownKey).startsWith("HTTP/1.1 200").containsIgnoringCase("Cache-Control: no-store");
        String apiKeyAsToken = raw("GET /keys/" + protectedId + "/" + protectedKeyId + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + owner.key() + "\r\nConnection: close\r\n\r\n");
        assertTokenRefused(apiKeyAsToken);
        assertTokenRefused(raw("GET /keys/" + protectedId + "/" + protectedKeyId + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"));
        assertTokenRefused(raw("POST /keys/" + protectedId + "/" + protectedKeyId + "/clearkey?token=not.a.token HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
        String unknown = raw("GET /keys/" + protectedId + "/" + protectedKeyId + "/nothing HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(unknown).startsWith("HTTP/1.1 404").containsIgnoringCase("Cache-Control: no-store");
    }

    /** Key delivery speaks of playback tokens, never of API keys or scopes, and nothing of it is cached. */
    private static void assertTokenRefused(String response) {
        assertThat(response).startsWith("HTTP/1.1 401").containsIgnoringCase("WWW-Authenticate: Bearer")
                .containsIgnoringCase("Cache-Control: no-store").contains("\"code\":\"InvalidPlaybackToken\"")
                .contains("playback token").doesNotContain("API key").doesNotContain("scope");
    }

    private void oversizedInputsAre4xx() throws Exception {
        assertThat(http.send(http.request("/api/Videos?pageSize=1000000", owner.key()).GET()).statusCode()).isEqualTo(400);
        assertThat(http.send(http.request("/api/Videos?pageSize=-1", owner.key()).GET()).statusCode()).isEqualTo(400);
        String bigHeader = raw("GET /api/Videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner.key()
                + "\r\nX-Padding: " + "a".repeat(200_000) + "\r\nConnection: close\r\n\r\n");
        // Grizzly answers 400 and may close the connection before the header is even sent whole.
        assertThat(bigHeader).satisfiesAnyOf(
                response -> assertThat(response).matches("(?s)HTTP/1\\.1 4\\d\\d .*"),
                response -> assertThat(response).isEmpty());
        String manyTags = "{\"OriginalFileName\":\"x.mp4\",\"Tags\":[" + "\"t\",".repeat(5000) + "\"t\"]}";
        assertThat(http.send(http.request("/api/Videos", owner.key()).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(manyTags))).statusCode()).isEqualTo(400);
        String deep = "{\"Metadata\":" + "{\"a\":".repeat(5000);
        assertThat(http.send(http.request("/api/Videos", owner.key()).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(deep))).statusCode()).isEqualTo(400);
        assertThat(http.send(http.request("/api/Videos/" + clearId + "/Thumbnails/99999999", owner.key()).GET())
                .statusCode()).isEqualTo(404);
    }


    /** What the blob store holds: every file and its size. */
    private static Map<String, Long> blobTree() throws IOException {
        Map<String, Long> tree = new TreeMap<>();
        Path root = dataDir.resolve("blobs");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                tree.put(root.relativize(file).toString(), Files.size(file));
            }
        }
        return tree;
    }

    /** A request written byte for byte, so no client library tidies its path first. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", URI.create(service.baseUrl()).getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.net.SocketException closedEarly) {
                // the server refused before reading it all; what it answered (if anything) follows
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketException reset) {
                return "";
            }
        }
    }
}
