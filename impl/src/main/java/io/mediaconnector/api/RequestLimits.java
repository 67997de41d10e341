package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Refuses URIs over the limit (414) and JSON bodies over the limit (413, up front from
 * {@code Content-Length}, or while reading a chunked body). Blob uploads have their own limit.
 */
@PreMatching
@Priority(10)
public final class RequestLimits implements ContainerRequestFilter {
    private final int maxUriLength;
    private final long maxBodyBytes;

    public RequestLimits(int maxUriLength, long maxBodyBytes) {
        this.maxUriLength = maxUriLength;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        ContainerRequest request = (ContainerRequest) context;
        if (request.getRequestUri().getRawPath().length() + rawQueryLength(request) > maxUriLength) {
            context.abortWith(Problems.response(request, ProblemType.URI_TOO_LONG,
                    "The request URI is longer than " + maxUriLength + " characters."));
            return;
        }
        if (Routes.isBlob(request)) {
            return;
        }
        String declared = context.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            context.abortWith(Problems.response(request, ProblemType.PAYLOAD_TOO_LARGE,
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

    private static int rawQueryLength(ContainerRequest request) {
        String query = request.getRequestUri().getRawQuery();
        return query == null ? 0 : query.length() + 1;
    }
}
