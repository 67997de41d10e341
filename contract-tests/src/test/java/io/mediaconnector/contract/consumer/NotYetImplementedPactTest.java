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
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.VideoCreate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.CONSUMER;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.consumer.Shapes.EXAMPLE_VIDEO_ID;
import static io.mediaconnector.contract.consumer.Shapes.bearer;
import static io.mediaconnector.contract.consumer.Shapes.bearerWithJson;
import static io.mediaconnector.contract.consumer.Shapes.client;
import static io.mediaconnector.contract.consumer.Shapes.problemResponse;
import static io.mediaconnector.contract.consumer.Shapes.videoPath;
import static io.mediaconnector.contract.consumer.Shapes.videoPathFromState;
import static io.mediaconnector.contract.consumer.VideosPactTest.assertProblem;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the service does not implement yet answers 501 problem+json: content protection (AES-128
 * playback and its authorization token). These interactions pin today's behaviour and are meant
 * to be replaced when protected playback lands.
 */
@PactConsumerTest
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V3)
class NotYetImplementedPactTest {

    @Pact(consumer = CONSUMER)
    RequestResponsePact getAuthorizationToken(PactDslWithProvider builder) {
        return notImplemented(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY).given(VIDEO_AWAITING_UPLOAD)
                .uponReceiving("a request for a playback authorization token (not implemented yet)")
                .pathFromProviderState(videoPathFromState("/AuthorizationToken"),
                        videoPath(EXAMPLE_VIDEO_ID) + "/AuthorizationToken")
                .query("KeyId=key-1").method("GET").headers(bearer(READ_WRITE_KEY))
                .willRespondWith().status(501));
    }

    @Test
    @PactTestFor(pactMethod = "getAuthorizationToken")
    void getAuthorizationToken(MockServer mockServer) {
        assertNotImplemented(() -> videos(mockServer).getAuthorizationToken(EXAMPLE_VIDEO_ID, "key-1"));
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact createProtectedVideo(PactDslWithProvider builder) {
        return notImplemented(builder
                .given(ACCOUNT_WITH_READ_WRITE_KEY)
                .uponReceiving("a request to create an AES-128 protected video (not implemented yet)")
                .path("/api/Videos").method("POST").headers(bearerWithJson(READ_WRITE_KEY))
                .body(new PactDslJsonBody()
                        .stringType("OriginalFileName", "lecture.mov")
                        .stringValue("ContentProtectionMode", "AES128")
                        .array("Tags").closeArray().asBody()
                        .object("Metadata").closeObject())
                .willRespondWith().status(501));
    }

    @Test
    @PactTestFor(pactMethod = "createProtectedVideo")
    void createProtectedVideo(MockServer mockServer) {
        assertNotImplemented(() -> videos(mockServer)
                .createVideo(new VideoCreate().originalFileName("lecture.mov").contentProtectionMode("AES128")));
    }

    private static RequestResponsePact notImplemented(au.com.dius.pact.consumer.dsl.PactDslResponse response) {
        return problemResponse(response, 501, "NotImplemented").toPact();
    }

    private static VideosApi videos(MockServer mockServer) {
        return new VideosApi(client(mockServer, READ_WRITE_KEY));
    }

    private static void assertNotImplemented(ThrowingCallable call) {
        assertProblem(catchThrowableOfType(ApiException.class, call), 501, "NotImplemented");
    }
}
