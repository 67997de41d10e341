package io.mediaconnector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.mediaconnector.api.Problems;
import io.mediaconnector.api.RequestIds;
import io.mediaconnector.problem.ProblemType;
import io.mediaconnector.upload.AzureErrorCodes;
import io.mediaconnector.upload.AzureErrorMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers the HTTP layer gives itself, in the dialect of the path: Azure Storage's XML error
 * on {@code /blob/...}, problem+json everywhere else, both with a fresh request id, never cached.
 */
final class RefusalAnswers {
    /** What a refusal echoes of the request target; {@link Problems} bounds it again. */
    static final int MAX_ECHOED_TARGET = 1024;

    private final ObjectWriter problems;

    RefusalAnswers(ObjectWriter problems) {
        this.problems = problems;
    }

    record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
    }

    /** @param rawPath the request path as sent (without query), or null when the request line never arrived */
    Answer answer(Refusal refusal, String rawPath, String requestId) {
        ProblemType type = refusal.type();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RequestIds.HEADER, requestId);
        headers.put("Cache-Control", "no-store");
        if (rawPath != null && (rawPath.startsWith("/blob/") || rawPath.equals("/blob"))) {
            String code = AzureErrorCodes.of(type);
            headers.put(AzureErrorMapper.ERROR_CODE_HEADER, code);
            return new Answer(type.status(), AzureErrorMapper.APPLICATION_XML_UTF8, headers,
                    AzureErrorMapper.xml(code, refusal.detail()).getBytes(StandardCharsets.UTF_8));
        }
        try {
            byte[] body = problems.writeValueAsBytes(Problems.of(type, refusal.detail(), rawPath, requestId));
            return new Answer(type.status(), Problems.MEDIA_TYPE, headers, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem did not serialize", e);
        }
    }
}
