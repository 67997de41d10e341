package io.mediaconnector.contract.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonArray;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTest;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.matchingrules.RegexMatcher;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.generated.client.ApiClient;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.PlaybackEndpoint;
import io.mediaconnector.generated.client.model.PlaybackType;
import io.mediaconnector.generated.client.model.Thumbnail;
import io.mediaconnector.generated.client.model.VideoState;
import io.mediaconnector.generated.client.model.VideoStateCode;
import io.mediaconnector.generated.client.model.VideoStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.Contract.VIDEO_ENCODING_FAILED;
import static io.mediaconnector.contract.Contract.VIDEO_FINISHED_ENCODING;
import static io.mediaconnector.contract.Contract.VIDEO_WITH_UPLOADED_FILE;
import static io.mediaconnector.contract.consumer.Shapes.EXAMPLE_VIDEO_ID;
import static io.mediaconnector.contract.consumer.Shapes.JSON;
import static io.mediaconnector.contract.consumer.Shapes.bearer;
import static io.mediaconnector.contract.consumer.Shapes.client;
import static io.mediaconnector.contract.consumer.Shapes.jsonHeaders;
import static io.mediaconnector.contract.consumer.Shapes.problemResponse;
import static io.mediaconnector.contract.consumer.Shapes.videoPath;
import static io.mediaconnector.contract.consumer.Shapes.videoPathFromState;
import static io.mediaconnector.contract.consumer.VideosPactTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Connector's workflow after create: mark the upload complete, follow the encoding, ask for
 * playback URLs in each format and for the thumbnails, and what each answers before it is time;
 * and retrying the encoding of a video that failed.
 */
@PactConsumerTest
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class EncodingAndPlaybackPactTest {
    private static final String ORIGIN = "https?://[^/]+";
    private static final String EXAMPLE_ORIGIN = "http://localhost:8080";
    private static final String STREAM = ORIGIN + "/stream/[^/?#]+/";
    private static final String EXAMPLE_STREAM = EXAMPLE_ORIGIN + "/stream/q7Xh2mV9cT4bLr8wN1zKpA3sYd6fGj0e/";
    /** A signed URL's query: its expiry and signature. */
    private static final String SIGNED = "\\?\\S+";
    private static final String EXAMPLE_SIGNED = "?se=1795780800&sig=2f1c9a3e8d1b4c8e";

    // ---- a video awaiting upload: nothing to encode, play or show yet

    @Pact(consumer = CONSUMER)
    RequestResponsePact markCompleteBeforeUpload(PactDslWithProvider builder) {
        return conflict(request(builder, VIDEO_AWAITING_UPLOAD,
                "a request to mark a video's upload complete before anything was uploaded", "/MarkComplete")
                .method("POST"));
    }

    @Test
    @PactTestFor(pactMethod = "markCompleteBeforeUpload")
    void markCompleteBeforeUpload(MockServer mockServer) {
        assertConflict(() -> videos(mockServer).markVideoComplete(EXAMPLE_VIDEO_ID));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact playbackEndpointBeforeEncoding(PactDslWithProvider builder) {
        return conflict(request(builder, VIDEO_AWAITING_UPLOAD,
                "a request for an HLS playback URL of a video that is not playable yet", "/PlaybackEndpoint")
                .query("endpointType=HLS").method("GET"));
    }

    @Test
    @PactTestFor(pactMethod = "playbackEndpointBeforeEncoding")
    void playbackEndpointBeforeEncoding(MockServer mockServer) {
        assertConflict(() -> videos(mockServer).getPlaybackEndpoint(EXAMPLE_VIDEO_ID, PlaybackType.HLS));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact thumbnailsBeforeEncoding(PactDslWithProvider builder) {
        return conflict(request(builder, VIDEO_AWAITING_UPLOAD,
                "a request for the thumbnails of a video that has not been encoded", "/Thumbnails")
                .method("GET"));
    }

    @Test
    @PactTestFor(pactMethod = "thumbnailsBeforeEncoding")
    void thumbnailsBeforeEncoding(MockServer mockServer) {
        assertConflict(() -> videos(mockServer).listThumbnails(EXAMPLE_VIDEO_ID));
    }

    // ---- a video whose file was uploaded: MarkComplete starts the encoding

    @Pact(consumer = CONSUMER)
    RequestResponsePact markComplete(PactDslWithProvider builder) {
        return jsonHeaders(request(builder, VIDEO_WITH_UPLOADED_FILE,
                "a request to mark a video's upload complete", "/MarkComplete")
                .method("POST")
                .willRespondWith().status(202)
                .matchHeader("Location", ORIGIN + "/api/Videos/" + Shapes.UUID_PATTERN + "/Status",
                        EXAMPLE_ORIGIN + videoPath(EXAMPLE_VIDEO_ID) + "/Status"), JSON)
                .body(new PactDslJsonBody()
                        .numberValue("StatusCode", 1)
                        .stringValue("Status", "Processing")
                        .stringType("Message", "Video is still being processed. Try again later.")
                        .integerType("Progress", 0)
                        .booleanType("Playable", false))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "markComplete")
    void markComplete(MockServer mockServer) throws ApiException {
        ApiResponse<VideoStatus> response = videos(mockServer).markVideoCompleteWithHttpInfo(EXAMPLE_VIDEO_ID);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders().get("Location")).singleElement().asString()
                .endsWith(videoPath(EXAMPLE_VIDEO_ID) + "/Status");
        assertThat(response.getData().getStatus()).isEqualTo(VideoState.PROCESSING);
        assertThat(response.getData().getStatusCode()).isEqualTo(VideoStateCode.PROCESSING);
    }

    // ---- a video whose encoding failed: Retry queues it again; nothing else can be retried

    @Pact(consumer = CONSUMER)
    RequestResponsePact retryFailedEncoding(PactDslWithProvider builder) {
        return jsonHeaders(request(builder, VIDEO_ENCODING_FAILED,
                "a request to retry the encoding of a video whose encoding failed", "/Retry")
                .method("POST")
                .willRespondWith().status(202)
                .matchHeader("Location", ORIGIN + "/api/Videos/" + Shapes.UUID_PATTERN + "/Status",
                        EXAMPLE_ORIGIN + videoPath(EXAMPLE_VIDEO_ID) + "/Status"), JSON)
                .body(new PactDslJsonBody()
                        .numberValue("StatusCode", 1)
                        .stringValue("Status", "Processing")
                        .stringType("Message", "Video is still being processed. Try again later.")
                        .integerType("Progress", 0)
                        .booleanType("Playable", false))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "retryFailedEncoding")
    void retryFailedEncoding(MockServer mockServer) throws ApiException {
        ApiResponse<VideoStatus> response = videos(mockServer).retryVideoEncodingWithHttpInfo(EXAMPLE_VIDEO_ID);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders().get("Location")).singleElement().asString()
                .endsWith(videoPath(EXAMPLE_VIDEO_ID) + "/Status");
        assertThat(response.getData().getStatus()).isEqualTo(VideoState.PROCESSING);
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact retryOfVideoThatDidNotFail(PactDslWithProvider builder) {
        return conflict(request(builder, VIDEO_AWAITING_UPLOAD,
                "a request to retry the encoding of a video that is awaiting its upload", "/Retry")
                .method("POST"));
    }

    @Test
    @PactTestFor(pactMethod = "retryOfVideoThatDidNotFail")
    void retryOfVideoThatDidNotFail(MockServer mockServer) {
        assertConflict(() -> videos(mockServer).retryVideoEncoding(EXAMPLE_VIDEO_ID));
    }

    // ---- a video that finished encoding: status, playback in every format, thumbnails

    @Pact(consumer = CONSUMER)
    RequestResponsePact statusOfEncodedVideo(PactDslWithProvider builder) {
        return jsonHeaders(request(builder, VIDEO_FINISHED_ENCODING,
                "a request for the status of a video that finished encoding", "/Status")
                .method("GET")
                .willRespondWith().status(200), JSON)
                .body(new PactDslJsonBody()
                        .numberValue("StatusCode", 2)
                        .stringValue("Status", "Completed")
                        .stringType("Message", "Video is ready.")
                        .integerType("Progress", 100)
                        .booleanValue("Playable", true)
                        .minArrayLike("Renditions", 1)
                            .integerType("Width", 320)
                            .integerType("Height", 240)
                            .integerType("Bitrate", 400000)
                            .closeObject())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "statusOfEncodedVideo")
    void statusOfEncodedVideo(MockServer mockServer) throws ApiException {
        VideoStatus status = videos(mockServer).getVideoStatus(EXAMPLE_VIDEO_ID);

        assertThat(status.getStatus()).isEqualTo(VideoState.COMPLETED);
        assertThat(status.getPlayable()).isTrue();
        assertThat(status.getRenditions()).isNotEmpty().allSatisfy(rendition -> {
            assertThat(rendition.getWidth()).isPositive();
            assertThat(rendition.getHeight()).isPositive();
        });
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact hlsPlayback(PactDslWithProvider builder) {
        return playback(builder, "HLS", "final/\\S*master\\.m3u8", "final/cmaf/master.m3u8");
    }

    @Test
    @PactTestFor(pactMethod = "hlsPlayback")
    void hlsPlayback(MockServer mockServer) throws ApiException {
        assertPlayback(mockServer, "HLS", PlaybackType.HLS, "master.m3u8");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact dashPlayback(PactDslWithProvider builder) {
        return playback(builder, "DASH", "final/\\S*manifest\\.mpd", "final/cmaf/manifest.mpd");
    }

    @Test
    @PactTestFor(pactMethod = "dashPlayback")
    void dashPlayback(MockServer mockServer) throws ApiException {
        assertPlayback(mockServer, "DASH", PlaybackType.DASH, "manifest.mpd");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact smoothStreamingPlayback(PactDslWithProvider builder) {
        return playback(builder, "Streaming", "final/\\S*video\\.ism/Manifest", "final/smooth/video.ism/Manifest");
    }

    @Test
    @PactTestFor(pactMethod = "smoothStreamingPlayback")
    void smoothStreamingPlayback(MockServer mockServer) throws ApiException {
        assertPlayback(mockServer, "Streaming", PlaybackType.STREAMING, "video.ism/Manifest");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact progressivePlayback(PactDslWithProvider builder) {
        return playback(builder, "Progressive", "final/\\S*video\\.mp4", "final/progressive/video.mp4");
    }

    @Test
    @PactTestFor(pactMethod = "progressivePlayback")
    void progressivePlayback(MockServer mockServer) throws ApiException {
        assertPlayback(mockServer, "Progressive", PlaybackType.PROGRESSIVE, "video.mp4");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact unknownPlaybackType(PactDslWithProvider builder) {
        return problemResponse(request(builder, VIDEO_FINISHED_ENCODING,
                "a request for a playback URL of an unknown endpointType", "/PlaybackEndpoint")
                .query("endpointType=Flash").method("GET")
                .willRespondWith().status(400), 400, "InvalidRequest")
                .toPact();
    }

    /** A Connector client sends any string; the generated client cannot (its endpointType is an enum). */
    @Test
    @PactTestFor(pactMethod = "unknownPlaybackType")
    void unknownPlaybackType(MockServer mockServer) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(mockServer.getUrl() + videoPath(EXAMPLE_VIDEO_ID) + "/PlaybackEndpoint?endpointType=Flash"))
                .header("Authorization", "Bearer " + READ_WRITE_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(Shapes.PROBLEM_JSON));
        assertThat(new ObjectMapper().readTree(response.body()).get("code").asText()).isEqualTo("InvalidRequest");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact thumbnails(PactDslWithProvider builder) {
        PactDslJsonArray thumbnails = (PactDslJsonArray) PactDslJsonArray.arrayMinLike(1)
                .stringMatcher("Kind", "Poster|Thumbnail", "Poster")
                .integerType("Height", 240)
                .integerType("Index", 0)
                .integerType("Time", 1)
                .stringMatcher("Url", STREAM + "\\S+\\.jpg" + SIGNED, EXAMPLE_STREAM + "thumbnails/poster.jpg" + EXAMPLE_SIGNED)
                .closeObject();
        // Whatever the others are, the first one is the poster.
        thumbnails.getMatchers().addRule("[0].Kind", new RegexMatcher("Poster", "Poster"));
        return jsonHeaders(request(builder, VIDEO_FINISHED_ENCODING,
                "a request for the thumbnails of a video that finished encoding", "/Thumbnails")
                .method("GET")
                .willRespondWith().status(200), JSON)
                .body(thumbnails)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "thumbnails")
    void thumbnails(MockServer mockServer) throws ApiException {
        List<Thumbnail> thumbnails = videos(mockServer).listThumbnails(EXAMPLE_VIDEO_ID);

        assertThat(thumbnails).isNotEmpty();
        assertThat(thumbnails.get(0).getKind()).isEqualTo(Thumbnail.KindEnum.POSTER);
        assertThat(thumbnails.get(0).getIndex()).isZero();
        assertThat(thumbnails.get(0).getUrl()).hasParameter("sig");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact poster(PactDslWithProvider builder) {
        return request(builder, VIDEO_FINISHED_ENCODING, "a request for a video's poster", "/Thumbnails/0")
                .method("GET")
                .willRespondWith().status(307)
                .matchHeader("Location", STREAM + "\\S+\\.jpg" + SIGNED,
                        EXAMPLE_STREAM + "thumbnails/poster.jpg" + EXAMPLE_SIGNED)
                .matchHeader("x-ms-request-id", "\\S+", "2f1c9a3e-8d1b-4c8e-9a57-3b2d1f0e4c6a")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "poster")
    void poster(MockServer mockServer) {
        // The client does not follow the redirect here: the signed URL is what the player loads.
        ApiException redirect = catchThrowableOfType(ApiException.class,
                () -> new VideosApi(notFollowingRedirects(mockServer)).getThumbnail(EXAMPLE_VIDEO_ID, 0));

        assertThat(redirect.getCode()).isEqualTo(307);
        assertThat(redirect.getResponseHeaders().get("Location")).singleElement().asString()
                .contains("/stream/").endsWith(EXAMPLE_SIGNED);
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact unknownThumbnail(PactDslWithProvider builder) {
        return problemResponse(request(builder, VIDEO_FINISHED_ENCODING,
                "a request for a thumbnail index the video does not have", "/Thumbnails/999")
                .method("GET")
                .willRespondWith().status(404), 404, "NotFound")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "unknownThumbnail")
    void unknownThumbnail(MockServer mockServer) {
        assertProblem(catchThrowableOfType(ApiException.class,
                () -> new VideosApi(notFollowingRedirects(mockServer)).getThumbnail(EXAMPLE_VIDEO_ID, 999)),
                404, "NotFound");
    }

    private static RequestResponsePact playback(PactDslWithProvider builder, String type, String pathPattern,
                                                String examplePath) {
        return jsonHeaders(request(builder, VIDEO_FINISHED_ENCODING,
                "a request for the " + type + " playback URL of a video that finished encoding", "/PlaybackEndpoint")
                .query("endpointType=" + type).method("GET")
                .willRespondWith().status(200), JSON)
                .body(new PactDslJsonBody()
                        .stringValue("Type", type)
                        .stringMatcher("PlaybackUrl", STREAM + pathPattern, EXAMPLE_STREAM + examplePath))
                .toPact();
    }

    private static void assertPlayback(MockServer mockServer, String type, PlaybackType expected,
                                       String manifest) throws ApiException {
        PlaybackEndpoint endpoint = videos(mockServer).getPlaybackEndpoint(EXAMPLE_VIDEO_ID, PlaybackType.fromValue(type));

        assertThat(endpoint.getType()).isEqualTo(expected);
        assertThat(endpoint.getPlaybackUrl().getPath()).startsWith("/stream/").endsWith(manifest);
    }

    private static PactDslRequestWithPath request(PactDslWithProvider builder, String state, String description,
                                                  String suffix) {
        return builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(state)
                .uponReceiving(description)
                .pathFromProviderState(videoPathFromState(suffix), videoPath(EXAMPLE_VIDEO_ID) + suffix)
                .headers(bearer(READ_WRITE_KEY));
    }

    private static RequestResponsePact conflict(PactDslRequestWithPath request) {
        return problemResponse(request.willRespondWith().status(409), 409, "Conflict").toPact();
    }

    private static void assertConflict(ThrowingCallable call) {
        assertProblem(catchThrowableOfType(ApiException.class, call), 409, "Conflict");
    }

    private static VideosApi videos(MockServer mockServer) {
        return new VideosApi(client(mockServer, READ_WRITE_KEY));
    }

    private static ApiClient notFollowingRedirects(MockServer mockServer) {
        ApiClient client = client(mockServer, READ_WRITE_KEY);
        client.getHttpClient().property(ClientProperties.FOLLOW_REDIRECTS, false);
        return client;
    }
}
