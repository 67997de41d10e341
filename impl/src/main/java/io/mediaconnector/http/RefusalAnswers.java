package io.mediaconnector.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers the HTTP layer gives itself, in the dialect of the application the path belongs
 * to ({@link Applications}), with a fresh request id and never cached.
 */
final class RefusalAnswers {
    /** What a refusal echoes of the request target; the dialects bound it again. */
    static final int MAX_ECHOED_TARGET = 1024;

    private final Applications applications;

    RefusalAnswers(Applications applications) {
        this.applications = applications;
    }

    /** @param rawPath the request path as sent (without query), or null when the request line never arrived */
    ErrorDialect.Answer answer(Refusal refusal, String rawPath, String requestId) {
        ErrorDialect.Answer answer = applications.of(rawPath).dialect().answer(refusal, rawPath, requestId);
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put(RequestIds.HEADER, requestId);
        headers.put("Cache-Control", "no-store");
        return new ErrorDialect.Answer(answer.status(), answer.contentType(), headers, answer.body());
    }
}
