package io.mediaconnector.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.FormatsApi;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.Format;
import io.mediaconnector.generated.client.model.Problem;
import io.mediaconnector.generated.client.model.Video;
import io.mediaconnector.generated.client.model.VideoCreate;
import io.mediaconnector.generated.client.model.VideoPage;
import io.mediaconnector.generated.client.model.VideoState;
import io.mediaconnector.generated.client.model.VideoUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Video resource over HTTP: the generated client for the flows, raw HTTP checked against the spec. */
class VideosApiIT {
    @TempDir
    static Path dataDir;
    static TestService service;
    static SpecCheckedHttp http;
    static String key;
    static VideosApi videos;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir);
        http = new SpecCheckedHttp(service.baseUrl());
        key = service.newAccountKey("write");
        videos = new VideosApi(service.client(key));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void createAnswers201WithLocationETagAndARenamedFile() throws Exception {
        HttpResponse<String> created = http.send(http.request("/api/Videos", key)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"OriginalFileName\":\"Holiday.MOV\",\"ContentProtectionMode\":\"\",\"InputStorageEncryptionMode\":\"\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        String id = body.get("Id").asText();
        assertThat(created.headers().firstValue("Location")).contains(service.baseUrl() + "/api/Videos/" + id);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(created.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(body.get("OriginalFileName").asText()).matches("[0-9a-f-]{36}\\.mov");
        assertThat(body.get("Name").asText()).isEqualTo("Holiday.MOV");
        assertThat(body.get("ContentProtectionMode").asText()).isEqualTo("None");
        assertThat(body.get("ContentProtectionKeyId").isNull()).isTrue();
        assertThat(body.get("InputStorageEncryptionMode").isNull()).isTrue();
        assertThat(body.get("Duration").asInt()).isZero();
        assertThat(body.get("StatusCode").asInt()).isZero();
    }

    @Test
    void getAnswers304ToTheCurrentETagAnd200AfterAChange() throws Exception {
        Video video = videos.createVideo(new VideoCreate().originalFileName("a.mp4"));
        HttpResponse<String> first = http.send(http.request("/api/Videos/" + video.getId(), key).GET());
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> unchanged = http.send(http.request("/api/Videos/" + video.getId(), key)
                .header("If-None-Match", etag).GET());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).contains(etag);

        videos.updateVideo(video.getId(), new VideoUpdate().name("renamed"), null);
        HttpResponse<String> changed = http.send(http.request("/api/Videos/" + video.getId(), key)
                .header("If-None-Match", etag).GET());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(Optional(etag));
        assertThat(json.readTree(changed.body()).get("Name").asText()).isEqualTo("renamed");
    }

    private static java.util.Optional<String> Optional(String value) {
        return java.util.Optional.of(value);
    }

    @Test
    void aPlainReadAndANegotiatedOneGetTheSameAnswer() throws Exception {
        // The plain read is answered by VideoReadShortcut, the one with a quality value by Jersey.
        Video video = videos.createVideo(new VideoCreate().originalFileName("s.mp4").tags(List.of("t"))
                .metadata(Map.of("k", "v")));
        String path = "/api/Videos/" + video.getId();
        HttpResponse<String> plain = http.send(http.request(path, key).GET());
        HttpResponse<String> negotiated = http.send(http.request(path, key).header("Accept", "application/json;q=0.9").GET());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(negotiated.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(negotiated.body());
        for (String header : List.of("Content-Type", "Content-Length", "ETag")) {
            assertThat(plain.headers().allValues(header)).as(header).isEqualTo(negotiated.headers().allValues(header));
        }
        assertThat(plain.headers().firstValue("x-ms-request-id")).isPresent()
                .isNotEqualTo(negotiated.headers().firstValue("x-ms-request-id"));
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = http.send(http.request(path, key).header("If-None-Match", etag).GET());
        HttpResponse<String> negotiatedNotModified = http.send(http.request(path, key).header("If-None-Match", etag)
                .header("Accept", "application/json;q=0.9").GET());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(negotiatedNotModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().allValues("ETag")).isEqualTo(negotiatedNotModified.headers().allValues("ETag"));
    }

    @Test
    void updateReplacesDetailsAndRefusesAStaleIfMatch() throws Exception {
        Video video = videos.createVideo(new VideoCreate().originalFileName("b.mp4").tags(List.of("old")));
        ApiResponse<Video> updated = videos.updateVideoWithHttpInfo(video.getId(), new VideoUpdate()
                .name("Beach").description("Waves").tags(List.of("summer", "family")).metadata(Map.of("camera", "gopro")),
                "\"1\"");
        assertThat(updated.getStatusCode()).isEqualTo(200);
        assertThat(updated.getHeaders().get("ETag")).containsExactly("\"2\"");
        assertThat(updated.getData().getTags()).containsExactly("summer", "family");
        assertThat(updated.getData().getMetadata()).containsEntry("camera", "gopro");

        HttpResponse<String> stale = http.send(http.request("/api/Videos/" + video.getId(), key)
                .header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .PUT(BodyPublishers.ofString("{\"Name\":\"Lost update\"}")));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(videos.getVideo(video.getId(), null).getName()).isEqualTo("Beach");
    }

    /** Generated clients send only the properties the caller set: whatever a PUT leaves out keeps its value. */
    @Test
    void updateKeepsEveryPropertyItDoesNotCarry() throws Exception {
        UUID id = videos.createVideo(new VideoCreate().originalFileName("k.mp4").description("Waves")
                .tags(List.of("summer")).metadata(Map.of("camera", "gopro"))).getId();

        assertDetails(update(id, "{\"Name\":\"Beach\"}"), "Beach", "Waves", List.of("summer"), Map.of("camera", "gopro"));
        assertDetails(update(id, "{}"), "Beach", "Waves", List.of("summer"), Map.of("camera", "gopro"));
        Video described = videos.updateVideo(id, new VideoUpdate().description("Sand"), null);
        assertThat(described.getName()).isEqualTo("Beach");
        assertThat(described.getTags()).containsExactly("summer");
        assertThat(described.getMetadata()).containsExactly(Map.entry("camera", "gopro"));
        assertDetails(update(id, "{\"Tags\":[],\"Metadata\":{}}"), "Beach", "Sand", List.of(), Map.of());
    }

    /** A top-level null is the same as leaving the property out, for every property of the body. */
    @Test
    void updateTreatsATopLevelNullAsAbsent() throws Exception {
        UUID id = videos.createVideo(new VideoCreate().originalFileName("n.mp4").name("Night").description("Stars")
                .tags(List.of("sky")).metadata(Map.of("lens", "wide"))).getId();

        assertDetails(update(id, "{\"Name\":null,\"Description\":null,\"Tags\":null,\"Metadata\":null}"),
                "Night", "Stars", List.of("sky"), Map.of("lens", "wide"));
        HttpResponse<String> created = create("{\"OriginalFileName\":\"n.mp4\",\"Name\":null,\"Description\":null,"
                + "\"Tags\":null,\"Metadata\":null,\"ContentProtectionMode\":null,\"InputStorageEncryptionMode\":null}");
        assertDetails(created, "n.mp4", "", List.of(), Map.of());
    }

    /** What is wrong inside Tags or Metadata, or a value of the wrong JSON type, is a 400 that says exactly that. */
    @Test
    void createAndUpdateSayWhatIsWrongInABody() throws Exception {
        UUID id = videos.createVideo(new VideoCreate().originalFileName("w.mp4")).getId();
        Map<String, String> wrong = new java.util.LinkedHashMap<>();
        wrong.put("\"Tags\":[null]", "Tags[0] is null");
        wrong.put("\"Tags\":[\"a\",null]", "Tags[1] is null");
        wrong.put("\"Tags\":[\"a\",\"\"]", "Tags[1] is empty");
        wrong.put("\"Tags\":[\" \"]", "Tags[0] is empty");
        wrong.put("\"Tags\":[1]", "Tags[0] must be a string");
        wrong.put("\"Tags\":[true]", "Tags[0] must be a string");
        wrong.put("\"Tags\":[{\"a\":\"b\"}]", "Tags[0] must be a string");
        wrong.put("\"Tags\":[[\"a\"]]", "Tags[0] must be a string");
        wrong.put("\"Tags\":\"a\"", "Tags must be an array");
        wrong.put("\"Tags\":{}", "Tags must be an array");
        wrong.put("\"Metadata\":{\"k\":null}", "Metadata['k'] is null");
        wrong.put("\"Metadata\":{\"\":\"v\"}", "Metadata keys must be 1 to 128 characters");
        wrong.put("\"Metadata\":{\"k\":1.5}", "Metadata['k'] must be a string");
        wrong.put("\"Metadata\":{\"k\":{\"x\":\"y\"}}", "Metadata['k'] must be a string");
        wrong.put("\"Metadata\":[\"a\"]", "Metadata must be an object");
        wrong.put("\"Metadata\":\"a\"", "Metadata must be an object");
        wrong.put("\"Name\":5", "Name must be a string");
        wrong.put("\"Description\":false", "Description must be a string");
        wrong.forEach((property, detail) -> {
            try {
                assertProblem(update(id, "{" + property + "}"), 400, detail);
                assertProblem(create("{\"OriginalFileName\":\"w.mp4\"," + property + "}"), 400, detail);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(property + ": " + e.getMessage(), e);
            }
        });
        assertProblem(update(id, "{\"Name\":\" \"}"), 400, "Name must not be empty");
        assertProblem(create("{\"OriginalFileName\":7}"), 400, "OriginalFileName must be a string");
        assertProblem(update(id, "null"), 400, "request body");
        assertDetails(update(id, "{\"Metadata\":{\"flag\":\"\"}}"), "w.mp4", "", List.of(), Map.of("flag", ""));
    }

    private HttpResponse<String> update(UUID id, String body) {
        return http.send(http.request("/api/Videos/" + id, key).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(body)));
    }

    private void assertDetails(HttpResponse<String> response, String name, String description, List<String> tags,
                               Map<String, String> metadata) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        JsonNode video = json.readTree(response.body());
        assertThat(video.get("Name").asText()).isEqualTo(name);
        assertThat(video.get("Description").asText()).isEqualTo(description);
        assertThat(json.convertValue(video.get("Tags"), new TypeReference<List<String>>() { })).isEqualTo(tags);
        assertThat(json.convertValue(video.get("Metadata"), new TypeReference<Map<String, String>>() { })).isEqualTo(metadata);
    }

    @Test
    void deleteAnswers204AndTheVideoIsGone() throws Exception {
        Video video = videos.createVideo(new VideoCreate().originalFileName("c.mp4"));
        HttpResponse<String> deleted = http.send(http.request("/api/Videos/" + video.getId(), key).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        HttpResponse<String> gone = http.send(http.request("/api/Videos/" + video.getId(), key).GET());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json.readTree(gone.body()).get("code").asText()).isEqualTo("VideoNotFound");
    }

    @Test
    void listingPagesWithAbsoluteNextLinksAndFilters() throws Exception {
        String ownKey = service.newAccountKey("write");
        VideosApi own = new VideosApi(service.client(ownKey));
        Set<UUID> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(own.createVideo(new VideoCreate().originalFileName("v" + i + ".mp4")
                    .tags(i % 2 == 0 ? List.of("even") : List.of())).getId());
        }
        List<UUID> seen = new ArrayList<>();
        String next = "/api/Videos?pageSize=3";
        while (next != null) {
            HttpResponse<String> page = http.send(http.request(next, ownKey).GET());
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(page.body());
            body.get("value").forEach(v -> seen.add(UUID.fromString(v.get("Id").asText())));
            JsonNode link = body.get("nextLink");
            if (link == null || link.isNull()) {
                next = null;
            } else {
                assertThat(link.asText()).startsWith(service.baseUrl() + "/api/Videos?");
                next = link.asText().substring(service.baseUrl().length());
            }
        }
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);

        VideoPage even = own.listVideos(null, "even", 100, null);
        assertThat(even.getValue()).hasSize(4);
        assertThat(own.listVideos(VideoState.COMPLETED, null, 10, null).getValue()).isEmpty();
        assertThat(own.listVideos(VideoState.CREATED, null, 10, null).getValue()).hasSize(7);
        // Matched case-insensitively, as the contract says.
        assertThat(json.readTree(http.send(http.request("/api/Videos?status=created&pageSize=10", ownKey).GET()).body())
                .get("value")).hasSize(7);
    }

    /** A generated client follows the pages with its own method: the page carries its continuation token. */
    @Test
    void listingPagesWithTheGeneratedClientsOwnMethod() throws Exception {
        VideosApi own = new VideosApi(service.client(service.newAccountKey("write")));
        Set<UUID> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(own.createVideo(new VideoCreate().originalFileName("p" + i + ".mp4").tags(List.of("paged"))).getId());
        }
        List<UUID> seen = new ArrayList<>();
        String token = null;
        do {
            VideoPage page = own.listVideos(VideoState.CREATED, "paged", 2, token);
            page.getValue().forEach(video -> seen.add(video.getId()));
            token = page.getNextPageToken();
            assertThat(page.getNextLink() == null).isEqualTo(token == null);
            if (token != null) {
                assertThat(page.getNextLink()).hasParameter("pageToken", token).hasParameter("tag", "paged");
            }
        } while (token != null);
        assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void listingRejectsBadPagingParameters() {
        assertThat(http.send(http.request("/api/Videos?pageSize=0", key).GET()).statusCode()).isEqualTo(400);
        assertThat(http.send(http.request("/api/Videos?pageSize=101", key).GET()).statusCode()).isEqualTo(400);
        assertThat(http.send(http.request("/api/Videos?pageToken=forged", key).GET()).statusCode()).isEqualTo(400);
        assertThat(http.send(http.request("/api/Videos?status=Done", key).GET()).statusCode()).isEqualTo(400);
    }

    @Test
    void createExplainsEachBrokenRule() throws Exception {
        assertProblem(create("{}"), 400, "OriginalFileName is required.");
        assertProblem(create("{\"OriginalFileName\":\"notes.txt\"}"), 400, "no supported extension");
        assertProblem(create("{\"OriginalFileName\":\"a.mp4\",\"ContentProtectionMode\":\"PlayReady\"}"), 400,
                "ContentProtectionMode must be None or AES128");
        assertProblem(create("{\"OriginalFileName\":\"a.mp4\",\"InputStorageEncryptionMode\":\"ROT13\"}"), 400,
                "InputStorageEncryptionMode must be empty or AES256");
        assertProblem(create("{\"OriginalFileName\":\"a.mp4\",\"Colour\":\"red\"}"), 400, "Unknown property 'Colour'");
    }

    @Test
    void statusOfANewVideoIsCreated() throws Exception {
        Video video = videos.createVideo(new VideoCreate().originalFileName("d.mp4"));
        HttpResponse<String> status = http.send(http.request("/api/Videos/" + video.getId() + "/Status", key).GET());
        JsonNode body = json.readTree(status.body());
        assertThat(body.get("StatusCode").asInt()).isZero();
        assertThat(body.get("Status").asText()).isEqualTo("Created");
        assertThat(body.get("Playable").asBoolean()).isFalse();
    }

    @Test
    void formatsListAtLeastTheConnectors37WithCorrectTypes() throws ApiException {
        List<Format> formats = new FormatsApi(service.client(key)).listFormats();
        assertThat(formats).extracting(Format::getExtension).startsWith("aif", "aifc", "aiff", "au", "avi")
                .contains("mp4", "mov", "wmv", "wmx", "mkv", "webm").doesNotHaveDuplicates();
        assertThat(formats.size()).isGreaterThanOrEqualTo(37);
        assertThat(formats).filteredOn(f -> f.getExtension().equals("mp4")).singleElement()
                .extracting(Format::getMimeType).isEqualTo("video/mp4");
    }

    /** Before anything was uploaded and encoded, the media operations say why they cannot answer yet. */
    @Test
    void mediaOperationsOfAVideoAwaitingUploadAnswer409() throws Exception {
        UUID id = videos.createVideo(new VideoCreate().originalFileName("e.mp4")).getId();
        assertProblem(http.send(http.request("/api/Videos/" + id + "/MarkComplete", key)
                .POST(BodyPublishers.noBody())), 409, "Nothing was uploaded");
        assertProblem(http.send(http.request("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=HLS", key).GET()),
                409, "not playable yet");
        assertProblem(http.send(http.request("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=hls", key).GET()),
                409, "not playable yet");
        assertProblem(http.send(http.request("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=Flash", key).GET()),
                400, "endpointType must be one of");
        assertProblem(http.send(http.request("/api/Videos/" + id + "/Thumbnails", key).GET()), 409, "Thumbnails are made");
        assertProblem(http.send(http.request("/api/Videos/" + id + "/Thumbnails/0", key).GET()), 409, "Thumbnails are made");
    }

    /** Protected playback itself is ProtectedPlaybackIT's; here, what a create and a clear video answer. */
    @Test
    void protectedVideosAreCreatedAndClearOnesNeedNoToken() throws Exception {
        UUID id = videos.createVideo(new VideoCreate().originalFileName("f.mp4")).getId();
        assertProblem(http.send(http.request("/api/Videos/" + id + "/AuthorizationToken?KeyId=x", key).GET()),
                409, "not protected");
        HttpResponse<String> created = create("{\"OriginalFileName\":\"a.mp4\",\"ContentProtectionMode\":\"AES128\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode video = json.readTree(created.body());
        assertThat(video.get("ContentProtectionMode").asText()).isEqualTo("AES128");
        assertThat(UUID.fromString(video.get("ContentProtectionKeyId").asText())).isNotNull();
    }

    @Test
    void generatedClientSurfacesProblemsAsApiExceptions() {
        assertThatThrownBy(() -> videos.getVideo(UUID.randomUUID(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("\"code\":\"VideoNotFound\"");
                    assertThat(e.getErrorEntity()).isInstanceOfSatisfying(Problem.class,
                            problem -> assertThat(problem.getType()).hasToString("urn:problem:media-connector:VideoNotFound"));
                });
    }

    /** A status the operation does not list (414 here) is its default response's: the client decodes that Problem too. */
    @Test
    void generatedClientDecodesTheProblemOfTheDefaultResponse() {
        assertThatThrownBy(() -> videos.listVideos(null, null, 10, "x".repeat(9_000)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(414);
                    assertThat(e.getErrorEntity()).isInstanceOfSatisfying(Problem.class,
                            problem -> assertThat(problem.getCode()).isEqualTo("UriTooLong"));
                });
    }

    private HttpResponse<String> create(String body) {
        return http.send(http.request("/api/Videos", key).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)));
    }

    private void assertProblem(HttpResponse<String> response, int status, String detailFragment) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).contains(detailFragment);
        assertThat(problem.get("code").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).startsWith("urn:problem:media-connector:");
    }
}
