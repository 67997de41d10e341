package io.mediaconnector.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code InputStorageEncryptionMode: AES256}: the create answer (and only it) carries a key and
 * IV; the client uploads the file encrypted with AES-256-CTR; the service decrypts it to encode.
 */
class EncryptedUploadIT {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path scratch;
    static TestService service;
    static SpecCheckedHttp http;
    static MediaClient media;

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir);
        http = new SpecCheckedHttp(service.baseUrl());
        media = new MediaClient(http, service.newAccountKey("write"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void anUploadEncryptedWithTheReturnedKeyIsDecryptedAndEncoded() throws Exception {
        JsonNode created = media.createEncrypted("secret.mp4");
        byte[] key = Base64.getDecoder().decode(created.get("InputStorageEncryptionSymmetricKey").asText());
        byte[] iv = Base64.getDecoder().decode(created.get("InputStorageEncryptionIv").asText());
        assertThat(key).hasSize(32);
        assertThat(iv).hasSize(16);
        assertThat(created.get("InputStorageEncryptionMode").asText()).isEqualTo("AES256");

        String id = created.get("Id").asText();
        JsonNode read = media.read(http.send(http.request("/api/Videos/" + id, media.key()).GET()), 200);
        assertThat(read.get("InputStorageEncryptionSymmetricKey").isNull()).as("the key is shown only once").isTrue();
        assertThat(read.get("InputStorageEncryptionIv").isNull()).isTrue();

        Path clip = Clips.landscapeH264();
        Path encrypted = encrypt(clip, key, iv);
        assertThat(Clips.decode(encrypted).exitCode()).as("the upload itself is not a playable file").isNotZero();
        media.curlUpload(created.get("UploadUri").asText(), encrypted);
        assertThat(media.markComplete(id).statusCode()).isEqualTo(202);

        JsonNode status = media.awaitSettled(id, Duration.ofSeconds(120));
        assertThat(status.get("Status").asText()).as(status.toString()).isEqualTo("Completed");
        new PlaybackChecks(scratch.resolve(id)).progressive(media.playbackUrl(id, "Progressive"), Clips.duration(clip));
        assertThat(Files.readAllBytes(dataDir.resolve("secrets/master.key"))).isNotEmpty();
    }

    @Test
    void anUploadEncryptedWithAnotherKeyEndsFailedSayingWhy() throws Exception {
        JsonNode created = media.createEncrypted("wrong.mp4");
        byte[] wrongKey = new byte[32];
        Path encrypted = encrypt(Clips.landscapeH264(), wrongKey, new byte[16]);
        media.curlUpload(created.get("UploadUri").asText(), encrypted);
        String id = created.get("Id").asText();
        assertThat(media.markComplete(id).statusCode()).isEqualTo(202);

        JsonNode status = media.awaitSettled(id, Duration.ofSeconds(90));
        assertThat(status.get("Status").asText()).isEqualTo("Failed");
        assertThat(status.get("Message").asText()).contains("InputStorageEncryptionSymmetricKey").contains("AES-256-CTR");
    }

    private static Path encrypt(Path clip, byte[] key, byte[] iv) {
        return MediaClient.encrypt(clip, key, iv, scratch.resolve("encrypted-" + System.nanoTime() + ".bin"));
    }
}
