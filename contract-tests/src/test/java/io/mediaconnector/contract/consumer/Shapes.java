package io.mediaconnector.contract.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import io.mediaconnector.generated.client.ApiClient;

import java.util.Map;
import java.util.UUID;

/**
 * The shapes the client relies on, as type matchers, and the client set up against the mock
 * server. Only the problem's {@code code} and {@code status} are literal: they are the contract.
 */
final class Shapes {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    /** RFC 3339 with seconds; Jackson drops trailing zeros of the fraction, so any length. */
    static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})";
    static final String EXAMPLE_DATE_TIME = "2026-11-27T10:00:00.123Z";
    static final String ETAG = "\"[^\"]+\"";
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static final UUID EXAMPLE_VIDEO_ID = UUID.fromString("ee0dfd10-4a38-469f-98dc-2c8e34de0be8");
    static final UUID EXAMPLE_ACCOUNT_ID = UUID.fromString("5e7c21a4-3c1b-4b8e-9d0f-6a2b8c4d1e7f");
    static final UUID UNKNOWN_VIDEO_ID = UUID.fromString("00000000-0000-4000-8000-000000000000");

    private Shapes() {
    }

    static ApiClient client(MockServer mockServer, String key) {
        ApiClient client = new ApiClient().setBasePath(mockServer.getUrl());
        return key == null ? client : client.setBearerToken(key);
    }

    static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    /** A request with a JSON body: the client sends {@code application/json} without a charset. */
    static Map<String, String> bearerWithJson(String key) {
        return Map.of("Authorization", "Bearer " + key, "Content-Type", JSON);
    }

    static String videoPath(UUID id) {
        return "/api/Videos/" + id;
    }

    static String videoPathFromState(String suffix) {
        return "/api/Videos/${" + io.mediaconnector.contract.Contract.VIDEO_ID + "}" + suffix;
    }

    /** Every response carries a request id and, with a body, its media type. */
    static PactDslResponse jsonHeaders(PactDslResponse response, String mediaType) {
        return response
                .matchHeader("Content-Type", mediaType.replace("+", "\\+") + "(;.*)?", mediaType)
                .matchHeader("x-ms-request-id", "\\S+", "2f1c9a3e-8d1b-4c8e-9a57-3b2d1f0e4c6a");
    }

    static PactDslJsonBody video() {
        return video(new PactDslJsonBody());
    }

    static PactDslJsonBody video(PactDslJsonBody body) {
        return video(body, "None|AES128", "None");
    }

    /** A video whose {@code ContentProtectionMode} matches {@code modePattern}. */
    static PactDslJsonBody video(PactDslJsonBody body, String modePattern, String exampleMode) {
        return videoWithoutDetails(body, modePattern, exampleMode)
                .minArrayLike("Tags", 0, PactDslJsonRootValue.stringType("summer"), 1)
                .object("Metadata").closeObject().asBody();
    }

    /** A clear video with exactly this tag and this Metadata entry. */
    static PactDslJsonBody videoWithDetails(String tag, String metadataKey, String metadataValue) {
        PactDslJsonBody body = videoWithoutDetails(new PactDslJsonBody(), "None", "None");
        body.array("Tags").stringValue(tag).closeArray();
        return body.object("Metadata").stringValue(metadataKey, metadataValue).closeObject().asBody();
    }

    private static PactDslJsonBody videoWithoutDetails(PactDslJsonBody body, String modePattern, String exampleMode) {
        return body
                .uuid("Id", EXAMPLE_VIDEO_ID)
                .stringMatcher("OriginalFileName", UUID_PATTERN + "\\.\\w+", "a6dad4be-6a34-423d-85de-b43491133140.mp4")
                .integerType("Duration", 0)
                .stringMatcher("ContentProtectionMode", modePattern, exampleMode)
                .stringType("Name", "holiday.mp4")
                .stringType("Description", "")
                .stringMatcher("Status", "Created|Processing|Completed|Failed", "Created")
                .integerType("StatusCode", 0)
                .booleanType("Playable", false)
                .stringMatcher("Created", DATE_TIME, EXAMPLE_DATE_TIME)
                .stringMatcher("Updated", DATE_TIME, EXAMPLE_DATE_TIME);
    }

    static DslPart problem(int status, String code) {
        return new PactDslJsonBody()
                .stringType("type", "urn:problem:media-connector:" + code)
                .stringType("title", "A title")
                .numberValue("status", status)
                .stringType("detail", "What went wrong.")
                .stringType("instance", "/api/Videos")
                .stringValue("code", code);
    }

    static PactDslResponse problemResponse(PactDslResponse response, int status, String code) {
        return jsonHeaders(response, PROBLEM_JSON).body(problem(status, code));
    }
}
