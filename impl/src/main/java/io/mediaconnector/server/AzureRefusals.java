package io.mediaconnector.server;

import io.mediaconnector.http.ErrorDialect;
import io.mediaconnector.http.Refusal;
import io.mediaconnector.upload.AzureErrorCodes;
import io.mediaconnector.upload.AzureErrorMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The blob protocol's words for errors the HTTP layer and the shared guards find (a malformed
 * request, a slow header, an over-long URI, overload): Azure Storage's XML error with
 * {@code x-ms-error-code}, so an Azure SDK sees a code it knows whatever refused its request.
 */
final class AzureRefusals implements ErrorDialect {

    @Override
    public Answer answer(Refusal refusal, String rawPath, String requestId) {
        String code = codeOf(refusal);
        return new Answer(refusal.type().status(), AzureErrorMapper.APPLICATION_XML_UTF8,
                Map.of(AzureErrorMapper.ERROR_CODE_HEADER, code),
                AzureErrorMapper.xml(code, refusal.detail()).getBytes(StandardCharsets.UTF_8));
    }

    /** Most refusals are told apart by their status; the kinds of 400 have Azure codes of their own. */
    private static String codeOf(Refusal refusal) {
        return switch (refusal.type()) {
            case MALFORMED_URI -> "InvalidUri";
            case MALFORMED_HEADER, AMBIGUOUS_FRAMING, HEADERS_TOO_LARGE -> "InvalidHeaderValue";
            default -> AzureErrorCodes.forStatus(refusal.type().status());
        };
    }
}
