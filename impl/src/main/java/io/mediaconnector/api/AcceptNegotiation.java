package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.List;

/**
 * The JSON API answers {@code application/json} and errors as {@code application/problem+json}.
 * A request whose {@code Accept} takes neither gets 406 here, once for every route that answers
 * with a representation (not DELETE); one that takes either is served (errors stay
 * problem+json, as RFC 9457 intends).
 */
@PreMatching
@Priority(20)
public final class AcceptNegotiation implements ContainerRequestFilter {
    private static final MediaType PROBLEM = MediaType.valueOf(Problems.MEDIA_TYPE);

    @Override
    public void filter(ContainerRequestContext context) {
        if (!Routes.isJsonApi(context) || context.getHeaderString(HttpHeaders.ACCEPT) == null) {
            return;
        }
        if (context.getMethod().equals(HttpMethod.DELETE)) {
            // A DELETE answers 204 without a representation: there is nothing for Accept to refuse.
            context.getHeaders().remove(HttpHeaders.ACCEPT);
            return;
        }
        List<MediaType> accepted = context.getAcceptableMediaTypes();
        boolean servable = accepted.stream().anyMatch(type ->
                type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isCompatible(PROBLEM));
        if (!servable) {
            context.abortWith(Problems.response((ContainerRequest) context, ProblemType.NOT_ACCEPTABLE,
                    "This operation produces application/json (errors application/problem+json); Accept allows neither."));
            return;
        }
        // Operations without a body declare only problem+json; the choice between the two is ours.
        context.getHeaders().remove(HttpHeaders.ACCEPT);
    }
}
