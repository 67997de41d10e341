package io.mediaconnector.http;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * How one application words an error that is found outside its own code: by the HTTP layer
 * before any application sees the request (malformed, too slow, too long), or by the guards every
 * application shares (overload). The API answers problem+json, the blob protocol Azure Storage's
 * XML, each in its own words wherever the error comes from.
 */
public interface ErrorDialect {

    /**
     * The answer to {@code refusal} of the request at {@code rawPath} (as sent, without query;
     * null when the request line never arrived), whose id is {@code requestId}.
     */
    Answer answer(Refusal refusal, String rawPath, String requestId);

    /** An error answer: status, media type, headers of the dialect (not the request id) and body. */
    record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {

        public Answer {
            headers = Map.copyOf(headers);
        }

        /** The same answer given from inside a Jersey application (a filter that aborts the request). */
        public Response toResponse() {
            Response.ResponseBuilder response = Response.status(status).type(contentType).entity(body);
            headers.forEach(response::header);
            return response.build();
        }
    }
}
