package io.mediaconnector.upload;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Renders {@link AzureErrorException} the way Azure Storage does, so SDKs surface the right error
 * code: the XML body {@code <Error><Code>…</Code><Message>…</Message></Error>} and the code again
 * as {@code x-ms-error-code}. Every error answer of the blob protocol is built here.
 */
public final class AzureErrorMapper implements ExceptionMapper<AzureErrorException> {

    public static final String APPLICATION_XML_UTF8 = "application/xml; charset=utf-8";
    public static final String ERROR_CODE_HEADER = "x-ms-error-code";
    /** Messages may quote what the client sent (a block id, a header value): never more than this. */
    static final int MAX_MESSAGE_LENGTH = 512;
    /** A 503 from the blob protocol's own code is a full disk: no point in retrying at once. */
    private static final String RETRY_AFTER_SECONDS = "30";

    @Override
    public Response toResponse(AzureErrorException e) {
        return response(e.status(), e.code(), e.getMessage());
    }

    /** The error answer of {@code status} with Azure's {@code code} and {@code message}. */
    public static Response response(int status, String code, String message) {
        Response.ResponseBuilder response = Response.status(status);
        if (status == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response
                .header(ERROR_CODE_HEADER, code)
                .type(APPLICATION_XML_UTF8)
                .entity(xml(code, message))
                .build();
    }

    /** Azure Storage's error body: {@code <Error><Code>…</Code><Message>…</Message></Error>}. */
    public static String xml(String code, String message) {
        String bounded = message.length() <= MAX_MESSAGE_LENGTH ? message
                : message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + escape(code)
                + "</Code><Message>" + escape(bounded) + "</Message></Error>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }
}
