package io.mediaconnector.it.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.it.SpecCheckedHttp;
import io.mediaconnector.it.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data directory on a small file system that the test fills up: every write the service
 * acknowledges is there after a restart, every write it cannot make durable is refused cleanly
 * (503 with Retry-After, never a 500), health says the disk is low, and all is well once space
 * returns.
 */
@Tag("fulldisk")
class FullDiskIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RESERVE = 2L * 1024 * 1024;
    private static final Map<String, String> SETTINGS = Map.of("WORKERS", "0", "DISK_RESERVE_BYTES", String.valueOf(RESERVE));

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveAFullDiskAndRefusalsAreClean() throws Exception {
        try (SmallFilesystem tmpfs = SmallFilesystem.mount(dir.resolve("data"), 48L * 1024 * 1024)) {
            Map<String, JsonNode> acknowledged = new HashMap<>();
            String key;
            String uploadedId;
            try (TestService service = TestService.start(tmpfs.mountPoint(), SETTINGS)) {
                key = service.newAccountKey("write");
                SpecCheckedHttp http = new SpecCheckedHttp(service.baseUrl());
                for (int i = 0; i < 3; i++) {
                    JsonNode video = JSON.readTree(create(http, key, i).body());
                    acknowledged.put(video.get("Id").asText(), video);
                }
                uploadedId = acknowledged.keySet().iterator().next();
                assertThat(putBlob(http, acknowledged.get(uploadedId), 100_000).statusCode()).isEqualTo(201);
                JsonNode renamed = JSON.readTree(http.send(http.request("/api/Videos/" + uploadedId, key)
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString("{\"Name\":\"renamed before the disk filled\"}"))).body());
                acknowledged.put(uploadedId, renamed);

                fillUp(tmpfs.mountPoint().resolve("filler"));
                JsonNode health = JSON.readTree(assertStatus(http.send(http.request("/health").GET()), 503).body());
                assertThat(health.get("Disk").asText()).isEqualTo("Low");
                assertThat(health.get("Database").asText()).isEqualTo("Up");

                String other = acknowledged.keySet().stream().filter(id -> !id.equals(uploadedId)).findFirst().orElseThrow();
                HttpResponse<String> refusedUpload = putBlob(http, acknowledged.get(other), 200_000);
                assertThat(refusedUpload.statusCode()).isEqualTo(503);
                assertThat(refusedUpload.headers().firstValue("x-ms-error-code")).contains("ServerBusy");
                assertThat(refusedUpload.headers().firstValue("Retry-After")).isPresent();
                assertThat(refusedUpload.body()).contains("<Code>ServerBusy</Code>").contains("storage is full");

                int refusals = 0;
                for (int i = 3; i < 60; i++) {
                    HttpResponse<String> response = create(http, key, i);
                    if (response.statusCode() == 201) {
                        JsonNode video = JSON.readTree(response.body());
                        acknowledged.put(video.get("Id").asText(), video);
                    } else {
                        assertStorageFullProblem(response);
                        refusals++;
                    }
                }
                assertThat(refusals).as("the database ran out of room at least once").isPositive();
            }
            Files.delete(tmpfs.mountPoint().resolve("filler"));

            try (TestService service = TestService.start(tmpfs.mountPoint(), SETTINGS)) {
                SpecCheckedHttp http = new SpecCheckedHttp(service.baseUrl());
                for (Map.Entry<String, JsonNode> written : acknowledged.entrySet()) {
                    JsonNode read = JSON.readTree(assertStatus(http.send(http.request("/api/Videos/" + written.getKey(), key)
                            .GET()), 200).body());
                    assertThat(read.get("Name")).isEqualTo(written.getValue().get("Name"));
                    assertThat(read.get("Description")).isEqualTo(written.getValue().get("Description"));
                    assertThat(read.get("Metadata")).isEqualTo(written.getValue().get("Metadata"));
                }
                assertThat(http.send(http.request("/api/Videos/" + uploadedId + "/MarkComplete", key)
                        .POST(BodyPublishers.noBody())).statusCode()).as("the upload made before the disk filled").isEqualTo(202);
                assertThat(JSON.readTree(assertStatus(http.send(http.request("/health").GET()), 200).body())
                        .get("Disk").asText()).isEqualTo("Ok");
                JsonNode fresh = JSON.readTree(assertStatus(create(http, key, 100), 201).body());
                assertThat(putBlob(http, fresh, 200_000).statusCode()).isEqualTo(201);
            }
        }
    }

    /** A create whose metadata makes each row a few kilobytes, so the database needs new pages soon. */
    private static HttpResponse<String> create(SpecCheckedHttp http, String key, int n) {
        String value = "x".repeat(1000);
        String body = "{\"OriginalFileName\":\"clip" + n + ".mp4\",\"Name\":\"video " + n + "\",\"Description\":\""
                + "d".repeat(4500) + "\",\"Metadata\":{\"a\":\"" + value + "\",\"b\":\"" + value + "\",\"c\":\""
                + value + "\"}}";
        return http.send(http.request("/api/Videos", key).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> putBlob(SpecCheckedHttp http, JsonNode video, int bytes) {
        return http.sendUnchecked(http.request("").uri(java.net.URI.create(video.get("UploadUri").asText()))
                .header("x-ms-blob-type", "BlockBlob").PUT(BodyPublishers.ofByteArray(new byte[bytes])));
    }

    /** Writes until the file system refuses: from here on, nothing has room. */
    private static void fillUp(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left on device");
        }
    }

    private static void assertStorageFullProblem(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("StorageFull");
        assertThat(problem.get("requestId").asText()).isNotBlank();
    }

    private static HttpResponse<String> assertStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(SpecCheckedHttp.describe(response)).isEqualTo(status);
        return response;
    }
}
