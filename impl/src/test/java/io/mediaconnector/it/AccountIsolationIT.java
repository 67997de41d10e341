package io.mediaconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.Video;
import io.mediaconnector.generated.client.model.VideoCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account B's key on account A's video answers exactly what an id that exists nowhere
 * answers, on every {id} route, and changes nothing.
 */
class AccountIsolationIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static SpecCheckedHttp http;
    static String ownerKey;
    static String strangerKey;
    static Video owned;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(dataDir);
        http = new SpecCheckedHttp(service.baseUrl());
        ownerKey = service.newAccountKey("write");
        strangerKey = service.newAccountKey("write");
        owned = new VideosApi(service.client(ownerKey)).createVideo(new VideoCreate().originalFileName("mine.mp4"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    record Route(String name, BiFunction<String, String, HttpRequest.Builder> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Route> idRoutes() {
        return Stream.of(
                new Route("GET video", (id, key) -> http.request("/api/Videos/" + id, key).GET()),
                new Route("PUT video", (id, key) -> http.request("/api/Videos/" + id, key)
                        .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{\"Name\":\"hijacked\"}"))),
                new Route("DELETE video", (id, key) -> http.request("/api/Videos/" + id, key).DELETE()),
                new Route("MarkComplete", (id, key) -> http.request("/api/Videos/" + id + "/MarkComplete", key)
                        .POST(BodyPublishers.noBody())),
                new Route("Status", (id, key) -> http.request("/api/Videos/" + id + "/Status", key).GET()),
                new Route("PlaybackEndpoint", (id, key) -> http.request("/api/Videos/" + id
                        + "/PlaybackEndpoint?endpointType=HLS", key).GET()),
                new Route("AuthorizationToken", (id, key) -> http.request("/api/Videos/" + id
                        + "/AuthorizationToken?KeyId=k", key).GET()),
                new Route("Thumbnails", (id, key) -> http.request("/api/Videos/" + id + "/Thumbnails", key).GET()),
                new Route("Thumbnail", (id, key) -> http.request("/api/Videos/" + id + "/Thumbnails/0", key).GET()));
    }

    @ParameterizedTest
    @MethodSource("idRoutes")
    void anotherAccountsVideoLooksExactlyLikeNoVideo(Route route) throws Exception {
        HttpResponse<String> foreign = http.send(route.request().apply(owned.getId().toString(), strangerKey));
        HttpResponse<String> missing = http.send(route.request().apply(UUID.randomUUID().toString(), strangerKey));

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        ObjectMapper json = new ObjectMapper();
        JsonNode foreignProblem = json.readTree(foreign.body());
        JsonNode missingProblem = json.readTree(missing.body());
        for (String field : List.of("type", "title", "status", "detail", "code")) {
            assertThat(foreignProblem.get(field)).as(field).isEqualTo(missingProblem.get(field));
        }

        Video after = new VideosApi(service.client(ownerKey)).getVideo(owned.getId(), null);
        assertThat(after.getName()).isEqualTo("mine.mp4");
        assertThat(after.getUpdated()).isEqualTo(owned.getUpdated());
    }

    @org.junit.jupiter.api.Test
    void listingsNeverShowAnotherAccountsVideos() throws Exception {
        JsonNode page = new ObjectMapper().readTree(http.send(http.request("/api/Videos?pageSize=100", strangerKey).GET()).body());
        page.get("value").forEach(video -> assertThat(video.get("Id").asText()).isNotEqualTo(owned.getId().toString()));
    }
}
