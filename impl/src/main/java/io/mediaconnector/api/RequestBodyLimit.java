package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Refuses request bodies over the limit (413): up front from {@code Content-Length}, or while
 * reading a chunked body. The API's bodies are small JSON documents; uploads go to the blob
 * protocol, which has its own limits.
 */
@PreMatching
@Priority(12)
public final class RequestBodyLimit implements ContainerRequestFilter {
    private final long maxBodyBytes;

    public RequestBodyLimit(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        String declared = context.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            context.abortWith(Problems.response((ContainerRequest) context, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the limit of " + maxBodyBytes + " bytes."));
            return;
        }
        if (context.hasEntity()) {
            context.setEntityStream(new LimitedBody(context.getEntityStream(), maxBodyBytes));
        }
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
