package io.mediaconnector.contract.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTest;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.mediaconnector.generated.client.api.VideosApi;
import org.junit.jupiter.api.Test;

import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.consumer.Shapes.EXAMPLE_VIDEO_ID;
import static io.mediaconnector.contract.consumer.Shapes.bearer;
import static io.mediaconnector.contract.consumer.Shapes.client;
import static io.mediaconnector.contract.consumer.Shapes.problemResponse;
import static io.mediaconnector.contract.consumer.Shapes.videoPath;
import static io.mediaconnector.contract.consumer.Shapes.videoPathFromState;
import static io.mediaconnector.contract.consumer.VideosPactTest.assertProblem;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Operations the service does not implement yet answer 501 problem+json. These interactions pin
 * today's behaviour and are meant to be replaced when encoding, playback and thumbnails land.
 */
@PactConsumerTest
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class NotYetImplementedPactTest {

    @Pact(consumer = CONSUMER)
    RequestResponsePact markVideoComplete(PactDslWithProvider builder) {
        return notImplemented(request(builder, "a request to mark a video's upload complete", "/MarkComplete")
                .method("POST"));
    }

    @Test
    @PactTestFor(pactMethod = "markVideoComplete")
    void markVideoComplete(MockServer mockServer) {
        assertNotImplemented(() -> videos(mockServer).markVideoComplete(EXAMPLE_VIDEO_ID));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getPlaybackEndpoint(PactDslWithProvider builder) {
        return notImplemented(request(builder, "a request for an HLS playback URL", "/PlaybackEndpoint")
                .query("endpointType=HLS").method("GET"));
    }

    @Test
    @PactTestFor(pactMethod = "getPlaybackEndpoint")
    void getPlaybackEndpoint(MockServer mockServer) {
        assertNotImplemented(() -> videos(mockServer).getPlaybackEndpoint(EXAMPLE_VIDEO_ID, "HLS"));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getAuthorizationToken(PactDslWithProvider builder) {
        return notImplemented(request(builder, "a request for a playback authorization token", "/AuthorizationToken")
                .query("KeyId=key-1").method("GET"));
    }

    @Test
    @PactTestFor(pactMethod = "getAuthorizationToken")
    void getAuthorizationToken(MockServer mockServer) {
        assertNotImplemented(() -> videos(mockServer).getAuthorizationToken(EXAMPLE_VIDEO_ID, "key-1"));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact listThumbnails(PactDslWithProvider builder) {
        return notImplemented(request(builder, "a request for a video's thumbnails", "/Thumbnails").method("GET"));
    }

    @Test
    @PactTestFor(pactMethod = "listThumbnails")
    void listThumbnails(MockServer mockServer) {
        assertNotImplemented(() -> videos(mockServer).listThumbnails(EXAMPLE_VIDEO_ID));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact getThumbnail(PactDslWithProvider builder) {
        return notImplemented(request(builder, "a request for a video's poster", "/Thumbnails/0").method("GET"));
    }

    @Test
    @PactTestFor(pactMethod = "getThumbnail")
    void getThumbnail(MockServer mockServer) {
        assertNotImplemented(() -> videos(mockServer).getThumbnail(EXAMPLE_VIDEO_ID, 0));
    }

    private static PactDslRequestWithPath request(PactDslWithProvider builder, String description, String suffix) {
        return builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_AWAITING_UPLOAD)
                .uponReceiving(description + " (not implemented yet)")
                .pathFromProviderState(videoPathFromState(suffix), videoPath(EXAMPLE_VIDEO_ID) + suffix)
                .headers(bearer(READ_WRITE_KEY));
    }

    private static RequestResponsePact notImplemented(PactDslRequestWithPath request) {
        return problemResponse(request.willRespondWith().status(501), 501, "NotImplemented").toPact();
    }

    private static VideosApi videos(MockServer mockServer) {
        return new VideosApi(client(mockServer, READ_WRITE_KEY));
    }

    private static void assertNotImplemented(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertProblem(catchThrowableOfType(io.mediaconnector.generated.client.ApiException.class, call),
                501, "NotImplemented");
    }
}
