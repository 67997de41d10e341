package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.Map;

/** Sheds load past a number of requests in flight on this node: 503 with {@code Retry-After}. */
@PreMatching
@Priority(5)
public final class OverloadGuard implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String HOLDS_PERMIT = "mc.holdsPermit";
    private final InFlightLimit limit;

    public OverloadGuard(InFlightLimit limit) {
        this.limit = limit;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (limit.tryEnter()) {
            context.setProperty(HOLDS_PERMIT, Boolean.TRUE);
            return;
        }
        context.abortWith(Problems.response((ContainerRequest) context, ProblemType.SERVICE_UNAVAILABLE,
                "The service is handling as many requests as it can; retry shortly.", Map.of("Retry-After", "1")));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(HOLDS_PERMIT) != null) {
            request.removeProperty(HOLDS_PERMIT);
            limit.leave();
        }
    }
}
