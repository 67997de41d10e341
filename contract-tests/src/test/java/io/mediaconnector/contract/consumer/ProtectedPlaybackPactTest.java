package io.mediaconnector.contract.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTest;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.AuthorizationToken;
import io.mediaconnector.generated.client.model.ContentProtectionMode;
import io.mediaconnector.generated.client.model.InputStorageEncryptionMode;
import io.mediaconnector.generated.client.model.PlaybackEndpoint;
import io.mediaconnector.generated.client.model.PlaybackType;
import io.mediaconnector.generated.client.model.Video;
import io.mediaconnector.generated.client.model.VideoCreate;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.KEY_ID;
import static io.mediaconnector.contract.Contract.PROTECTED_VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.Contract.PROTECTED_VIDEO_FINISHED_ENCODING;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.consumer.Shapes.EXAMPLE_VIDEO_ID;
import static io.mediaconnector.contract.consumer.Shapes.JSON;
import static io.mediaconnector.contract.consumer.Shapes.UUID_PATTERN;
import static io.mediaconnector.contract.consumer.Shapes.bearer;
import static io.mediaconnector.contract.consumer.Shapes.bearerWithJson;
import static io.mediaconnector.contract.consumer.Shapes.client;
import static io.mediaconnector.contract.consumer.Shapes.jsonHeaders;
import static io.mediaconnector.contract.consumer.Shapes.problemResponse;
import static io.mediaconnector.contract.consumer.Shapes.video;
import static io.mediaconnector.contract.consumer.Shapes.videoPath;
import static io.mediaconnector.contract.consumer.Shapes.videoPathFromState;
import static io.mediaconnector.contract.consumer.VideosPactTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Protected playback as the Connector drives it: create an AES-128 video (or one whose upload is
 * encrypted with AES-256), ask for a player's authorization token with the video's key id, and
 * get signed HLS and DASH URLs; the clear formats of protected content answer 501.
 */
@PactConsumerTest
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class ProtectedPlaybackPactTest {
    private static final String EXAMPLE_KEY_ID = "3b8f1c2e-7d4a-4e9b-8c61-5f0a2d9e4b17";
    /** A key id that is nobody's: the provider never generated it. */
    private static final String OTHER_KEY_ID = "00000000-0000-4000-8000-00000000beef";
    private static final String BASE64URL = "[A-Za-z0-9_-]+";
    private static final String JWT = BASE64URL + "\\." + BASE64URL + "\\." + BASE64URL;
    private static final String EXAMPLE_JWT = "eyJraWQiOiJrMSIsImFsZyI6IkhTMjU2In0"
            + ".eyJzdWIiOiJlZTBkZmQxMC00YTM4LTQ2OWYtOThkYy0yYzhlMzRkZTBiZTgifQ"
            + ".q7Xh2mV9cT4bLr8wN1zKpA3sYd6fGj0eW5uI2oH8vCk";
    /** {@code /stream/<locator>.<expiry>.<signature>/}: the signature travels in the path, not a query. */
    private static final String SIGNED_STREAM = "https?://[^/]+/stream/" + BASE64URL + "\\.\\d+\\." + BASE64URL + "/";
    private static final String EXAMPLE_SIGNED_STREAM = "http://localhost:8080/stream/q7Xh2mV9cT4bLr8wN1zKpA3sYd6fGj0e"
            + ".1795780800.2f1c9a3e8d1b4c8e9a573b2d1f0e4c6a2f1c9a3e8d1/";

    // ---- create

    @Pact(consumer = CONSUMER)
    RequestResponsePact createProtectedVideo(PactDslWithProvider builder) {
        return created(builder, "a request to create an AES-128 protected video",
                new PactDslJsonBody().stringValue("ContentProtectionMode", "AES128"),
                video(new PactDslJsonBody().stringMatcher("ContentProtectionKeyId", UUID_PATTERN, EXAMPLE_KEY_ID),
                        "AES128", "AES128"));
    }

    @Test
    @PactTestFor(pactMethod = "createProtectedVideo")
    void createProtectedVideo(MockServer mockServer) throws ApiException {
        ApiResponse<Video> response = videos(mockServer).createVideoWithHttpInfo(
                new VideoCreate().originalFileName("lecture.mov").contentProtectionMode(ContentProtectionMode.AES128));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getData().getContentProtectionMode()).isEqualTo(ContentProtectionMode.AES128);
        assertThat(response.getData().getContentProtectionKeyId()).matches(UUID_PATTERN);
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact createVideoWithEncryptedUpload(PactDslWithProvider builder) {
        return created(builder, "a request to create a video whose upload is encrypted with AES-256",
                new PactDslJsonBody().stringValue("InputStorageEncryptionMode", "AES256"),
                video(new PactDslJsonBody()
                        .stringValue("InputStorageEncryptionMode", "AES256")
                        // 256-bit key and 128-bit initial counter block, standard base64.
                        .stringMatcher("InputStorageEncryptionSymmetricKey", "[A-Za-z0-9+/]{43}=",
                                "q7Xh2mV9cT4bLr8wN1zKpA3sYd6fGj0eW5uI2oH8vCk=")
                        .stringMatcher("InputStorageEncryptionIv", "[A-Za-z0-9+/]{22}==", "2f1c9a3e8d1b4c8e9a573w==")));
    }

    @Test
    @PactTestFor(pactMethod = "createVideoWithEncryptedUpload")
    void createVideoWithEncryptedUpload(MockServer mockServer) throws ApiException {
        Video video = videos(mockServer).createVideo(
                new VideoCreate().originalFileName("lecture.mov").inputStorageEncryptionMode(InputStorageEncryptionMode.AES256));

        assertThat(Base64.getDecoder().decode(video.getInputStorageEncryptionSymmetricKey())).hasSize(32);
        assertThat(Base64.getDecoder().decode(video.getInputStorageEncryptionIv())).hasSize(16);
    }

    // ---- authorization token

    @Pact(consumer = CONSUMER)
    RequestResponsePact authorizationToken(PactDslWithProvider builder) {
        return jsonHeaders(request(builder, PROTECTED_VIDEO_AWAITING_UPLOAD,
                "a request for a playback authorization token of a protected video", "/AuthorizationToken")
                .queryParameterFromProviderState("KeyId", "${" + KEY_ID + "}", EXAMPLE_KEY_ID)
                .method("GET")
                .willRespondWith().status(200)
                .matchHeader("Cache-Control", "no-store", "no-store"), JSON)
                .body(new PactDslJsonBody().stringMatcher("value", "Bearer=" + JWT, "Bearer=" + EXAMPLE_JWT))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "authorizationToken")
    void authorizationToken(MockServer mockServer) throws ApiException {
        ApiResponse<AuthorizationToken> response =
                videos(mockServer).getAuthorizationTokenWithHttpInfo(EXAMPLE_VIDEO_ID, EXAMPLE_KEY_ID);

        assertThat(response.getHeaders().get("Cache-Control")).singleElement().isEqualTo("no-store");
        assertThat(response.getData().getValue()).startsWith("Bearer=")
                .satisfies(value -> assertThat(value.substring("Bearer=".length()).split("\\.")).hasSize(3));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact authorizationTokenForAnotherKey(PactDslWithProvider builder) {
        return problemResponse(request(builder, PROTECTED_VIDEO_AWAITING_UPLOAD,
                "a request for a playback authorization token with a KeyId that is not the video's",
                "/AuthorizationToken")
                .query("KeyId=" + OTHER_KEY_ID).method("GET")
                .willRespondWith().status(400), 400, "InvalidRequest")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "authorizationTokenForAnotherKey")
    void authorizationTokenForAnotherKey(MockServer mockServer) {
        assertProblem(catchThrowableOfType(ApiException.class,
                () -> videos(mockServer).getAuthorizationToken(EXAMPLE_VIDEO_ID, OTHER_KEY_ID)), 400, "InvalidRequest");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact authorizationTokenOfUnprotectedVideo(PactDslWithProvider builder) {
        return problemResponse(request(builder, VIDEO_AWAITING_UPLOAD,
                "a request for a playback authorization token of a video without content protection",
                "/AuthorizationToken")
                .query("KeyId=" + OTHER_KEY_ID).method("GET")
                .willRespondWith().status(409), 409, "Conflict")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "authorizationTokenOfUnprotectedVideo")
    void authorizationTokenOfUnprotectedVideo(MockServer mockServer) {
        assertProblem(catchThrowableOfType(ApiException.class,
                () -> videos(mockServer).getAuthorizationToken(EXAMPLE_VIDEO_ID, OTHER_KEY_ID)), 409, "Conflict");
    }

    // ---- playback of a protected video that finished encoding

    @Pact(consumer = CONSUMER)
    RequestResponsePact protectedHlsPlayback(PactDslWithProvider builder) {
        return playback(builder, "HLS", "final/hls/master\\.m3u8", "final/hls/master.m3u8");
    }

    @Test
    @PactTestFor(pactMethod = "protectedHlsPlayback")
    void protectedHlsPlayback(MockServer mockServer) throws ApiException {
        assertPlayback(mockServer, "HLS", PlaybackType.HLS, "/final/hls/master.m3u8");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact protectedDashPlayback(PactDslWithProvider builder) {
        return playback(builder, "DASH", "final/dash/manifest\\.mpd", "final/dash/manifest.mpd");
    }

    @Test
    @PactTestFor(pactMethod = "protectedDashPlayback")
    void protectedDashPlayback(MockServer mockServer) throws ApiException {
        assertPlayback(mockServer, "DASH", PlaybackType.DASH, "/final/dash/manifest.mpd");
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact protectedSmoothStreamingPlayback(PactDslWithProvider builder) {
        return problemResponse(request(builder, PROTECTED_VIDEO_FINISHED_ENCODING,
                "a request for a Smooth Streaming URL of a protected video", "/PlaybackEndpoint")
                .query("endpointType=Streaming").method("GET")
                .willRespondWith().status(501), 501, "NotImplemented")
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "protectedSmoothStreamingPlayback")
    void protectedSmoothStreamingPlayback(MockServer mockServer) {
        assertProblem(catchThrowableOfType(ApiException.class,
                () -> videos(mockServer).getPlaybackEndpoint(EXAMPLE_VIDEO_ID, PlaybackType.STREAMING)), 501, "NotImplemented");
    }

    private static RequestResponsePact created(PactDslWithProvider builder, String description,
                                               PactDslJsonBody protection, PactDslJsonBody video) {
        PactDslJsonBody request = protection
                .stringType("OriginalFileName", "lecture.mov");
        return jsonHeaders(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY)
                .uponReceiving(description)
                .path("/api/Videos").method("POST").headers(bearerWithJson(READ_WRITE_KEY))
                .body(request)
                .willRespondWith().status(201)
                .matchHeader("Location", "https?://[^/]+/api/Videos/" + UUID_PATTERN,
                        "http://localhost:8080" + videoPath(EXAMPLE_VIDEO_ID)), JSON)
                .body(video)
                .toPact();
    }

    private static RequestResponsePact playback(PactDslWithProvider builder, String type, String manifest,
                                                String exampleManifest) {
        PactDslResponse response = jsonHeaders(request(builder, PROTECTED_VIDEO_FINISHED_ENCODING,
                "a request for a signed " + type + " playback URL of a protected video", "/PlaybackEndpoint")
                .query("endpointType=" + type).method("GET")
                .willRespondWith().status(200), JSON);
        return response
                .body(new PactDslJsonBody()
                        .stringValue("Type", type)
                        .stringMatcher("PlaybackUrl", SIGNED_STREAM + manifest, EXAMPLE_SIGNED_STREAM + exampleManifest))
                .toPact();
    }

    private static void assertPlayback(MockServer mockServer, String type, PlaybackType expected,
                                       String manifest) throws ApiException {
        PlaybackEndpoint endpoint = videos(mockServer).getPlaybackEndpoint(EXAMPLE_VIDEO_ID, PlaybackType.fromValue(type));

        assertThat(endpoint.getType()).isEqualTo(expected);
        assertThat(endpoint.getPlaybackUrl().getPath()).matches("/stream/[^/]+\\.\\d+\\.[^/]+" + manifest);
        assertThat(endpoint.getPlaybackUrl().getQuery()).isNull();
    }

    private static PactDslRequestWithPath request(PactDslWithProvider builder, String state, String description,
                                                  String suffix) {
        return builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(state)
                .uponReceiving(description)
                .pathFromProviderState(videoPathFromState(suffix), videoPath(EXAMPLE_VIDEO_ID) + suffix)
                .headers(bearer(READ_WRITE_KEY));
    }

    private static VideosApi videos(MockServer mockServer) {
        return new VideosApi(client(mockServer, READ_WRITE_KEY));
    }
}
