package io.mediaconnector.contract.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTest;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.Problem;
import io.mediaconnector.generated.client.model.Video;
import io.mediaconnector.generated.client.model.VideoCreate;
import io.mediaconnector.generated.client.model.VideoPage;
import io.mediaconnector.generated.client.model.VideoState;
import io.mediaconnector.generated.client.model.VideoStateCode;
import io.mediaconnector.generated.client.model.VideoStatus;
import io.mediaconnector.generated.client.model.VideoUpdate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.ETAG;
import static io.mediaconnector.contract.Contract.EXAMPLE_METADATA_KEY;
import static io.mediaconnector.contract.Contract.EXAMPLE_METADATA_VALUE;
import static io.mediaconnector.contract.Contract.EXAMPLE_TAG;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.STALE_ETAG;
import static io.mediaconnector.contract.Contract.TWO_VIDEOS;
import static io.mediaconnector.contract.Contract.VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.Contract.VIDEO_CHANGED_SINCE_READ;
import static io.mediaconnector.contract.Contract.VIDEO_OF_ANOTHER_ACCOUNT;
import static io.mediaconnector.contract.Contract.VIDEO_WITH_TAGS_AND_METADATA;
import static io.mediaconnector.contract.consumer.Shapes.EXAMPLE_VIDEO_ID;
import static io.mediaconnector.contract.consumer.Shapes.JSON;
import static io.mediaconnector.contract.consumer.Shapes.UNKNOWN_VIDEO_ID;
import static io.mediaconnector.contract.consumer.Shapes.bearer;
import static io.mediaconnector.contract.consumer.Shapes.bearerWithJson;
import static io.mediaconnector.contract.consumer.Shapes.client;
import static io.mediaconnector.contract.consumer.Shapes.jsonHeaders;
import static io.mediaconnector.contract.consumer.Shapes.problemResponse;
import static io.mediaconnector.contract.consumer.Shapes.video;
import static io.mediaconnector.contract.consumer.Shapes.videoPath;
import static io.mediaconnector.contract.consumer.Shapes.videoPathFromState;
import static io.mediaconnector.contract.consumer.Shapes.videoWithDetails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The video lifecycle as the generated client drives it: create, read, list, update, delete. */
@PactConsumerTest
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class VideosPactTest {
    private static final String EXAMPLE_ETAG = "\"1\"";

    @Pact(consumer = CONSUMER)
    RequestResponsePact createVideo(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY)
                .uponReceiving("a request to create a video")
                .path("/api/Videos").method("POST").headers(bearerWithJson(READ_WRITE_KEY))
                .body(new PactDslJsonBody()
                        .stringType("OriginalFileName", "holiday.mp4"))
                .willRespondWith().status(201)
                .matchHeader("Location", "https?://[^/]+/api/Videos/" + Shapes.UUID_PATTERN,
                        "http://localhost:8080" + videoPath(EXAMPLE_VIDEO_ID))
                .matchHeader("ETag", Shapes.ETAG, EXAMPLE_ETAG), JSON)
                .body(video())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "createVideo")
    void createVideo(MockServer mockServer) throws ApiException {
        ApiResponse<Video> response = new VideosApi(client(mockServer, READ_WRITE_KEY))
                .createVideoWithHttpInfo(new VideoCreate().originalFileName("holiday.mp4"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders().get("Location")).singleElement().asString()
                .endsWith("/api/Videos/" + response.getData().getId());
        assertThat(response.getHeaders().get("ETag")).singleElement().asString().startsWith("\"");
        assertThat(response.getData().getStatus()).isEqualTo(VideoState.CREATED);
        assertThat(response.getData().getOriginalFileName()).endsWith(".mp4");
        assertThat(response.getData().getCreated()).isNotNull();
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact createVideoWithoutFileName(PactDslWithProvider builder) {
        return problemResponse(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY)
                .uponReceiving("a request to create a video without an OriginalFileName")
                .path("/api/Videos").method("POST").headers(bearerWithJson(READ_WRITE_KEY))
                .body(new PactDslJsonBody()
                        .nullValue("OriginalFileName"))
                .willRespondWith().status(400), 400, "InvalidRequest")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "createVideoWithoutFileName")
    void createVideoWithoutFileName(MockServer mockServer) {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> new VideosApi(client(mockServer, READ_WRITE_KEY)).createVideo(new VideoCreate()));

        assertProblem(error, 400, "InvalidRequest");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getVideo(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_AWAITING_UPLOAD)
                .uponReceiving("a request for a video")
                .pathFromProviderState(videoPathFromState(""), videoPath(EXAMPLE_VIDEO_ID))
                .method("GET").headers(bearer(READ_WRITE_KEY))
                .willRespondWith().status(200)
                .matchHeader("ETag", Shapes.ETAG, EXAMPLE_ETAG), JSON)
                .body(video())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "getVideo")
    void getVideo(MockServer mockServer) throws ApiException {
        ApiResponse<Video> response = new VideosApi(client(mockServer, READ_WRITE_KEY))
                .getVideoWithHttpInfo(EXAMPLE_VIDEO_ID, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("ETag")).singleElement().asString().isEqualTo(EXAMPLE_ETAG);
        assertThat(response.getData().getId()).isEqualTo(EXAMPLE_VIDEO_ID);
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getUnchangedVideo(PactDslWithProvider builder) {
        return builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_AWAITING_UPLOAD)
                .uponReceiving("a conditional request for a video that has not changed")
                .pathFromProviderState(videoPathFromState(""), videoPath(EXAMPLE_VIDEO_ID))
                .method("GET").headers(bearer(READ_WRITE_KEY))
                .headerFromProviderState("If-None-Match", "${" + ETAG + "}", EXAMPLE_ETAG)
                .willRespondWith().status(304)
                .matchHeader("ETag", Shapes.ETAG, EXAMPLE_ETAG)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "getUnchangedVideo")
    void getUnchangedVideo(MockServer mockServer) {
        // The generated client reports every non-2xx status, 304 included, as an ApiException.
        ApiException notModified = catchThrowableOfType(ApiException.class,
                () -> new VideosApi(client(mockServer, READ_WRITE_KEY)).getVideo(EXAMPLE_VIDEO_ID, EXAMPLE_ETAG));

        assertThat(notModified.getCode()).isEqualTo(304);
        assertThat(notModified.getResponseHeaders().get("ETag")).singleElement().asString().isEqualTo(EXAMPLE_ETAG);
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getUnknownVideo(PactDslWithProvider builder) {
        return problemResponse(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY)
                .uponReceiving("a request for a video that does not exist")
                .path(videoPath(UNKNOWN_VIDEO_ID)).method("GET").headers(bearer(READ_WRITE_KEY))
                .willRespondWith().status(404), 404, "VideoNotFound")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "getUnknownVideo")
    void getUnknownVideo(MockServer mockServer) {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> new VideosApi(client(mockServer, READ_WRITE_KEY)).getVideo(UNKNOWN_VIDEO_ID, null));

        assertProblem(error, 404, "VideoNotFound");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getVideoOfAnotherAccount(PactDslWithProvider builder) {
        return problemResponse(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_OF_ANOTHER_ACCOUNT)
                .uponReceiving("a request for a video of another account")
                .pathFromProviderState(videoPathFromState(""), videoPath(EXAMPLE_VIDEO_ID))
                .method("GET").headers(bearer(READ_WRITE_KEY))
                .willRespondWith().status(404), 404, "VideoNotFound")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "getVideoOfAnotherAccount")
    void getVideoOfAnotherAccount(MockServer mockServer) {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> new VideosApi(client(mockServer, READ_WRITE_KEY)).getVideo(EXAMPLE_VIDEO_ID, null));

        assertProblem(error, 404, "VideoNotFound");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact listVideos(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(TWO_VIDEOS)
                .uponReceiving("a request for the first page of videos")
                .path("/api/Videos").query("pageSize=1").method("GET").headers(bearer(READ_WRITE_KEY))
                .willRespondWith().status(200), JSON)
                .body(new PactDslJsonBody()
                        .minArrayLike("value", 1, video(), 1)
                        .stringMatcher("nextLink", "https?://[^/]+/api/Videos\\?\\S*pageToken=\\S+",
                                "http://localhost:8080/api/Videos?pageSize=1&pageToken=abc")
                        .stringType("nextPageToken", "abc"))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "listVideos")
    void listVideos(MockServer mockServer) throws ApiException {
        VideoPage page = new VideosApi(client(mockServer, READ_WRITE_KEY)).listVideos(null, null, 1, null);

        assertThat(page.getValue()).hasSize(1);
        assertThat(page.getNextLink()).hasParameter("pageToken", page.getNextPageToken());
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact updateVideo(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_AWAITING_UPLOAD)
                .uponReceiving("a request to update a video's metadata with its current ETag")
                .pathFromProviderState(videoPathFromState(""), videoPath(EXAMPLE_VIDEO_ID))
                .method("PUT").headers(bearerWithJson(READ_WRITE_KEY))
                .headerFromProviderState("If-Match", "${" + ETAG + "}", EXAMPLE_ETAG)
                .body(updateBody())
                .willRespondWith().status(200)
                .matchHeader("ETag", Shapes.ETAG, "\"2\""), JSON)
                .body(video())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "updateVideo")
    void updateVideo(MockServer mockServer) throws ApiException {
        ApiResponse<Video> response = new VideosApi(client(mockServer, READ_WRITE_KEY))
                .updateVideoWithHttpInfo(EXAMPLE_VIDEO_ID, update(), EXAMPLE_ETAG);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("ETag")).singleElement().asString().isNotEqualTo(EXAMPLE_ETAG);
        assertThat(response.getData().getId()).isEqualTo(EXAMPLE_VIDEO_ID);
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact renameVideo(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_WITH_TAGS_AND_METADATA)
                .uponReceiving("a request to rename a video that leaves its other details out")
                .pathFromProviderState(videoPathFromState(""), videoPath(EXAMPLE_VIDEO_ID))
                .method("PUT").headers(bearerWithJson(READ_WRITE_KEY))
                .body(new PactDslJsonBody().stringValue("Name", "Beach"))
                .willRespondWith().status(200)
                .matchHeader("ETag", Shapes.ETAG, "\"2\""), JSON)
                .body(videoWithDetails(EXAMPLE_TAG, EXAMPLE_METADATA_KEY, EXAMPLE_METADATA_VALUE)
                        .stringValue("Name", "Beach"))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "renameVideo")
    void renameVideo(MockServer mockServer) throws ApiException {
        Video renamed = new VideosApi(client(mockServer, READ_WRITE_KEY))
                .updateVideo(EXAMPLE_VIDEO_ID, new VideoUpdate().name("Beach"), null);

        assertThat(renamed.getName()).isEqualTo("Beach");
        assertThat(renamed.getTags()).containsExactly(EXAMPLE_TAG);
        assertThat(renamed.getMetadata()).containsExactly(Map.entry(EXAMPLE_METADATA_KEY, EXAMPLE_METADATA_VALUE));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact updateVideoWithStaleEtag(PactDslWithProvider builder) {
        return problemResponse(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_CHANGED_SINCE_READ)
                .uponReceiving("a request to update a video with an ETag that is no longer current")
                .pathFromProviderState(videoPathFromState(""), videoPath(EXAMPLE_VIDEO_ID))
                .method("PUT").headers(bearerWithJson(READ_WRITE_KEY))
                .headerFromProviderState("If-Match", "${" + STALE_ETAG + "}", EXAMPLE_ETAG)
                .body(updateBody())
                .willRespondWith().status(412), 412, "PreconditionFailed")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "updateVideoWithStaleEtag")
    void updateVideoWithStaleEtag(MockServer mockServer) {
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> new VideosApi(client(mockServer, READ_WRITE_KEY)).updateVideo(EXAMPLE_VIDEO_ID, update(), EXAMPLE_ETAG));

        assertProblem(error, 412, "PreconditionFailed");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact deleteVideo(PactDslWithProvider builder) {
        return builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_AWAITING_UPLOAD)
                .uponReceiving("a request to delete a video")
                .pathFromProviderState(videoPathFromState(""), videoPath(EXAMPLE_VIDEO_ID))
                .method("DELETE").headers(bearer(READ_WRITE_KEY))
                .willRespondWith().status(204)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "deleteVideo")
    void deleteVideo(MockServer mockServer) throws ApiException {
        ApiResponse<Void> response = new VideosApi(client(mockServer, READ_WRITE_KEY))
                .deleteVideoWithHttpInfo(EXAMPLE_VIDEO_ID);

        assertThat(response.getStatusCode()).isEqualTo(204);
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getVideoStatus(PactDslWithProvider builder) {
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_AWAITING_UPLOAD)
                .uponReceiving("a request for the encoding status of a video")
                .pathFromProviderState(videoPathFromState("/Status"), videoPath(EXAMPLE_VIDEO_ID) + "/Status")
                .method("GET").headers(bearer(READ_WRITE_KEY))
                .willRespondWith().status(200), JSON)
                .body(new PactDslJsonBody()
                        .integerType("StatusCode", 0)
                        .stringMatcher("Status", "Created|Processing|Completed|Failed", "Created")
                        .stringType("Message", "Awaiting upload.")
                        .integerType("Progress", 0)
                        .booleanType("Playable", false))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "getVideoStatus")
    void getVideoStatus(MockServer mockServer) throws ApiException {
        VideoStatus status = new VideosApi(client(mockServer, READ_WRITE_KEY)).getVideoStatus(EXAMPLE_VIDEO_ID);

        assertThat(status.getStatus()).isEqualTo(VideoState.CREATED);
        assertThat(status.getStatusCode()).isEqualTo(VideoStateCode.CREATED);
        assertThat(status.getMessage()).isNotBlank();
    }

    private static PactDslJsonBody updateBody() {
        return new PactDslJsonBody()
                .stringType("Name", "Holiday")
                .stringType("Description", "Beach")
                .array("Tags").stringType("summer").closeArray().asBody()
                .object("Metadata").stringType("camera", "gopro").closeObject().asBody();
    }

    private static VideoUpdate update() {
        return new VideoUpdate().name("Holiday").description("Beach")
                .tags(List.of("summer")).metadata(Map.of("camera", "gopro"));
    }

    static void assertProblem(ApiException error, int status, String code) {
        assertThat(error).as("the call fails with HTTP " + status).isNotNull();
        assertThat(error.getCode()).isEqualTo(status);
        assertThat(error.getResponseHeaders().get("Content-Type")).singleElement().asString()
                .startsWith(Shapes.PROBLEM_JSON);
        assertThat(error.getErrorEntity()).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.getStatus()).isEqualTo(status);
            assertThat(problem.getCode()).isEqualTo(code);
        });
    }
}
