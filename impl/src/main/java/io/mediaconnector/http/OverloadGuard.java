package io.mediaconnector.http;

import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

/**
 * Sheds load past a number of requests in flight on this node: 503 with {@code Retry-After}, in
 * the application's dialect. Every application of the node shares one {@link InFlightLimit}.
 */
@PreMatching
@Priority(5)
public final class OverloadGuard implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String HOLDS_PERMIT = "mc.holdsPermit";
    private static final String RETRY_AFTER_SECONDS = "1";
    private final InFlightLimit limit;
    private final ErrorDialect dialect;

    public OverloadGuard(InFlightLimit limit, ErrorDialect dialect) {
        this.limit = limit;
        this.dialect = dialect;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (limit.tryEnter()) {
            context.setProperty(HOLDS_PERMIT, Boolean.TRUE);
            return;
        }
        ErrorDialect.Answer answer = dialect.answer(new Refusal(ProblemType.SERVICE_UNAVAILABLE,
                        "The service is handling as many requests as it can; retry shortly."),
                context.getUriInfo().getRequestUri().getRawPath(), RequestIds.of(context));
        context.abortWith(Response.fromResponse(answer.toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS).build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(HOLDS_PERMIT) != null) {
            request.removeProperty(HOLDS_PERMIT);
            limit.leave();
        }
    }
}
