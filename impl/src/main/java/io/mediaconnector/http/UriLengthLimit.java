package io.mediaconnector.http;

import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;

/**
 * Refuses a request URI (path and query) over the limit: 414, in the application's dialect. The
 * listener's header limit leaves room above it, so such a request gets this far.
 */
@PreMatching
@Priority(10)
public final class UriLengthLimit implements ContainerRequestFilter {
    private final int maxUriLength;
    private final ErrorDialect dialect;

    public UriLengthLimit(int maxUriLength, ErrorDialect dialect) {
        this.maxUriLength = maxUriLength;
        this.dialect = dialect;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        URI uri = context.getUriInfo().getRequestUri();
        String query = uri.getRawQuery();
        if (uri.getRawPath().length() + (query == null ? 0 : query.length() + 1) > maxUriLength) {
            context.abortWith(dialect.answer(new Refusal(ProblemType.URI_TOO_LONG,
                    "The request URI is longer than " + maxUriLength + " characters."), uri.getRawPath(),
                    RequestIds.of(context)).toResponse());
        }
    }
}
