package io.mediaconnector.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.it.SpecCheckedHttp;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Connector's workflow over HTTP, each answer checked against the contract. */
public final class MediaClient {
    private final SpecCheckedHttp http;
    private final String key;
    private final ObjectMapper json = new ObjectMapper();

    public MediaClient(SpecCheckedHttp http, String key) {
        this.http = http;
        this.key = key;
    }

    public record Created(String id, String uploadUri) {
    }

    public String key() {
        return key;
    }

    public Created create(String originalFileName) {
        JsonNode video = read(http.send(http.request("/api/Videos", key).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"OriginalFileName\":\"" + originalFileName + "\"}"))), 201);
        return new Created(video.get("Id").asText(), video.get("UploadUri").asText());
    }

    /** A video with {@code ContentProtectionMode: AES128}, as the create answer shows it. */
    public JsonNode createProtected(String originalFileName) {
        return read(http.send(http.request("/api/Videos", key).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"OriginalFileName\":\"" + originalFileName
                        + "\",\"ContentProtectionMode\":\"AES128\"}"))), 201);
    }

    /**
     * A protected video from {@code clip}: created, uploaded with curl, marked complete and
     * encoded to Completed. Returns the create answer (its key ID is what players need).
     */
    public JsonNode encodeProtected(String originalFileName, Path clip) {
        JsonNode created = createProtected(originalFileName);
        String id = created.get("Id").asText();
        curlUpload(created.get("UploadUri").asText(), clip);
        assertThat(markComplete(id).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(id, Duration.ofSeconds(120)).get("Status").asText()).isEqualTo("Completed");
        return created;
    }

    /** A video with {@code InputStorageEncryptionMode: AES256}: the answer carries the upload's key and IV. */
    public JsonNode createEncrypted(String originalFileName) {
        return read(http.send(http.request("/api/Videos", key).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"OriginalFileName\":\"" + originalFileName
                        + "\",\"InputStorageEncryptionMode\":\"AES256\"}"))), 201);
    }

    /** The client side of an encrypted upload: {@code clip} under AES-256-CTR (no padding), into {@code out}. */
    public static Path encrypt(Path clip, byte[] key, byte[] iv, Path out) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return Files.write(out, cipher.doFinal(Files.readAllBytes(clip)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every JDK", e);
        }
    }

    /** A plain {@code curl -T} Put Blob, as the README shows. */
    public void curlUpload(String uploadUri, Path file) {
        Clips.Result result = Clips.run(Path.of("/usr/bin/curl"), java.util.List.of("-sS", "-f", "-o", "/dev/null",
                "-w", "%{http_code}", "-T", file.toString(), "-H", "x-ms-blob-type: BlockBlob", uploadUri));
        if (result.exitCode() != 0 || !result.output().equals("201")) {
            throw new AssertionError("curl upload failed: " + result);
        }
    }

    public HttpResponse<String> markComplete(String id) {
        return http.send(http.request("/api/Videos/" + id + "/MarkComplete", key).POST(BodyPublishers.noBody()));
    }

    public JsonNode status(String id) {
        return read(http.send(http.request("/api/Videos/" + id + "/Status", key).GET()), 200);
    }

    /** Polls Status until the video is Completed or Failed. */
    public JsonNode awaitSettled(String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = status(id);
            int code = status.get("StatusCode").asInt();
            if (code == 2 || code == 3) {
                return status;
            }
            sleep(250);
        }
        throw new AssertionError("video " + id + " did not settle within " + timeout + ": " + status(id));
    }

    public String playbackUrl(String id, String type) {
        return read(http.send(http.request("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=" + type, key).GET()),
                200).get("PlaybackUrl").asText();
    }

    public HttpResponse<String> playback(String id, String type) {
        return http.send(http.request("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=" + type, key).GET());
    }

    public JsonNode thumbnails(String id) {
        return read(http.send(http.request("/api/Videos/" + id + "/Thumbnails", key).GET()), 200);
    }

    public HttpResponse<String> delete(String id) {
        return http.send(http.request("/api/Videos/" + id, key).DELETE());
    }

    public JsonNode read(HttpResponse<String> response, int expectedStatus) {
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("expected " + expectedStatus + ": " + SpecCheckedHttp.describe(response));
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
