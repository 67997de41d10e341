package io.mediaconnector.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Connector's second workflow: create with AES128 → upload → complete → wait → token →
 * playback URL. Key delivery answers only a valid token for that video and key; the clear
 * formats of a protected video are never served.
 */
class ProtectedPlaybackIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static SpecCheckedHttp http;
    static MediaClient media;
    static String id;
    static String keyId;
    static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void encodeAProtectedVideo() {
        service = TestService.start(dataDir);
        http = new SpecCheckedHttp(service.baseUrl());
        media = new MediaClient(http, service.newAccountKey("write"));
        JsonNode created = media.encodeProtected("lecture.mp4", Clips.landscapeH264());
        id = created.get("Id").asText();
        keyId = created.get("ContentProtectionKeyId").asText();
        assertThat(created.get("ContentProtectionMode").asText()).isEqualTo("AES128");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theTokenIsASignedJwtBoundToTheVideoAndKey() throws Exception {
        String token = token();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(header.get("kid").asText()).isNotBlank();
        assertThat(claims.get("sub").asText()).isEqualTo(id);
        assertThat(claims.get("urn:microsoft:azure:mediaservices:contentkeyidentifier").asText()).isEqualTo(keyId);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        assertThat(claims.get("aud").asText()).endsWith("/keys");
    }

    @Test
    void tokenRequestsNameTheRightKeyOfAProtectedVideo() {
        assertThat(http.send(http.request("/api/Videos/" + id + "/AuthorizationToken?KeyId=other", media.key()).GET())
                .statusCode()).isEqualTo(400);
        MediaClient.Created clear = media.create("clear.mp4");
        assertThat(http.send(http.request("/api/Videos/" + clear.id() + "/AuthorizationToken?KeyId=" + keyId, media.key()).GET())
                .statusCode()).isEqualTo(409);
    }

    @Test
    void keyDeliveryGivesTheKeyOnlyForAValidToken() throws Exception {
        String keyUrl = service.baseUrl() + "/keys/" + id + "/" + keyId;
        HttpResponse<byte[]> withHeader = get(keyUrl, "Bearer " + token());
        assertThat(withHeader.statusCode()).isEqualTo(200);
        assertThat(withHeader.body()).hasSize(16);
        assertThat(withHeader.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(get(keyUrl + "?token=" + token(), null).body()).isEqualTo(withHeader.body());

        assertThat(get(keyUrl, null).statusCode()).isEqualTo(401);
        assertThat(get(keyUrl, "Bearer not-a-token").statusCode()).isEqualTo(401);
        String[] parts = token().split("\\.");
        assertThat(get(keyUrl, "Bearer " + parts[0] + "." + parts[1] + "." + parts[2].substring(2) + "AA").statusCode())
                .isEqualTo(401);
        assertThat(get(service.baseUrl() + "/keys/" + id + "/" + java.util.UUID.randomUUID(), "Bearer " + token())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theClearKeyLicenseAnswersWithTheKeyForAValidToken() throws Exception {
        String kid = media.read(http.send(http.request("/api/Videos/" + id, media.key()).GET()), 200)
                .get("ContentProtectionKeyId").asText();
        java.util.UUID uuid = java.util.UUID.fromString(kid);
        byte[] kidBytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        String b64Kid = Base64.getUrlEncoder().withoutPadding().encodeToString(kidBytes);
        HttpResponse<byte[]> license = RAW.send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/keys/" + id + "/" + keyId + "/clearkey"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kids\":[\"" + b64Kid + "\"],\"type\":\"temporary\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(license.statusCode()).isEqualTo(200);
        JsonNode keys = json.readTree(license.body()).get("keys");
        assertThat(keys.get(0).get("kid").asText()).isEqualTo(b64Kid);
        byte[] key = Base64.getUrlDecoder().decode(keys.get(0).get("k").asText());
        assertThat(key).isEqualTo(get(service.baseUrl() + "/keys/" + id + "/" + keyId, "Bearer " + token()).body());
    }

    @Test
    void playbackUrlsAreSignedAndTheClearFormatsAre501() throws Exception {
        String hls = media.playbackUrl(id, "HLS");
        String dash = media.playbackUrl(id, "DASH");
        assertThat(hls).contains("/final/hls/master.m3u8");
        assertThat(dash).contains("/final/dash/manifest.mpd");
        assertThat(media.playback(id, "Streaming").statusCode()).isEqualTo(501);
        assertThat(media.playback(id, "Progressive").statusCode()).isEqualTo(501);

        HttpResponse<byte[]> master = get(hls, null);
        assertThat(master.statusCode()).isEqualTo(200);
        String playlist = new String(get(URI.create(hls).resolve(new String(master.body(), StandardCharsets.UTF_8)
                .lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow()).toString(), null).body(),
                StandardCharsets.UTF_8);
        assertThat(playlist).contains("#EXT-X-KEY:METHOD=AES-128,URI=\"" + service.baseUrl() + "/keys/" + id + "/" + keyId + "\"");
        assertThat(new String(get(dash, null).body(), StandardCharsets.UTF_8)).contains("cenc:default_KID=\"" + keyId + "\"");

        String unsigned = hls.replaceAll("/stream/([^./]+)\\.[^/]+/", "/stream/$1/");
        assertThat(get(unsigned, null).statusCode()).isEqualTo(403);
        String tampered = hls.replaceAll("(/stream/[^./]+\\.\\d+\\.)..", "$1AA");
        assertThat(get(tampered, null).statusCode()).isEqualTo(403);
        String clearPath = hls.replace("/final/hls/master.m3u8", "/final/cmaf/master.m3u8");
        assertThat(get(clearPath, null).statusCode()).as("no clear rendition exists").isEqualTo(404);
    }

    private String token() {
        String value = media.read(http.send(http.request("/api/Videos/" + id + "/AuthorizationToken?KeyId=" + keyId,
                media.key()).GET()), 200).get("value").asText();
        assertThat(value).startsWith("Bearer=");
        return value.substring("Bearer=".length());
    }

    private static HttpResponse<byte[]> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return RAW.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
