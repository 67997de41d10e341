package io.mediaconnector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.api.Problems;
import io.mediaconnector.api.RequestIds;
import io.mediaconnector.problem.ProblemType;
import io.mediaconnector.upload.AzureErrorCodes;
import io.mediaconnector.upload.AzureErrorMapper;

import java.net.URLDecoder;
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

    private final ObjectMapper json;

    RefusalAnswers(ObjectMapper json) {
        this.json = json;
    }

    record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
    }

    /** @param rawPath the request path as sent (without query), or null when the request line never arrived */
    Answer answer(Refusal refusal, String rawPath, String requestId) {
        ProblemType type = refusal.type();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RequestIds.HEADER, requestId);
        headers.put("Cache-Control", "no-store");
        if (isBlob(rawPath)) {
            String code = AzureErrorCodes.of(type);
            headers.put(AzureErrorMapper.ERROR_CODE_HEADER, code);
            return new Answer(type.status(), AzureErrorMapper.APPLICATION_XML_UTF8, headers,
                    AzureErrorMapper.xml(code, refusal.detail()).getBytes(StandardCharsets.UTF_8));
        }
        return new Answer(type.status(), Problems.MEDIA_TYPE, headers,
                Problems.json(json, type, refusal.detail(), rawPath, requestId));
    }

    /** Whether the router would take the path to the blob endpoint (its first segment, decoded, without matrix parameters). */
    static boolean isBlob(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return false;
        }
        int end = rawPath.indexOf('/', 1);
        String first = end < 0 ? rawPath.substring(1) : rawPath.substring(1, end);
        int matrix = first.indexOf(';');
        if (matrix >= 0) {
            first = first.substring(0, matrix);
        }
        try {
            return URLDecoder.decode(first.replace("+", "%2B"), StandardCharsets.UTF_8).equals("blob");
        } catch (IllegalArgumentException malformed) {
            return first.equals("blob");
        }
    }
}
