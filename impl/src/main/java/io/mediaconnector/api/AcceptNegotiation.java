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
 * A request whose {@code Accept} takes neither gets 406, once for every route that answers with
 * a representation (not DELETE or OPTIONS); one that takes either is served (errors stay problem+json, as
 * RFC 9457 intends).
 *
 * <p>Two steps: before matching, {@code Accept} is judged and removed, so Jersey's own matching
 * (which would refuse operations that declare only problem+json) never sees it; after matching,
 * an unservable one is refused, so that an unknown route is still a 404 and a wrong method a 405.
 */
@PreMatching
@Priority(20)
public final class AcceptNegotiation implements ContainerRequestFilter {
    private static final MediaType PROBLEM = MediaType.valueOf(Problems.MEDIA_TYPE);
    private static final String UNSERVABLE = "mc.acceptUnservable";

    @Override
    public void filter(ContainerRequestContext context) {
        if (!Routes.isJsonApi(context) || context.getHeaderString(HttpHeaders.ACCEPT) == null) {
            return;
        }
        // DELETE (204) and OPTIONS (Allow) answer without a representation: nothing for Accept to refuse.
        String method = context.getMethod();
        if (!method.equals(HttpMethod.DELETE) && !method.equals(HttpMethod.OPTIONS)) {
            List<MediaType> accepted = context.getAcceptableMediaTypes();
            boolean servable = accepted.stream().anyMatch(type ->
                    type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isCompatible(PROBLEM));
            if (!servable) {
                context.setProperty(UNSERVABLE, Boolean.TRUE);
            }
        }
        // Operations without a body declare only problem+json; the choice between the two is ours.
        context.getHeaders().remove(HttpHeaders.ACCEPT);
    }

    /** The second step: a matched route refuses an {@code Accept} it cannot serve, before authentication. */
    @Priority(500)
    public static final class Refusal implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext context) {
            if (context.getProperty(UNSERVABLE) != null) {
                context.abortWith(Problems.response((ContainerRequest) context, ProblemType.NOT_ACCEPTABLE,
                        "This operation produces application/json (errors application/problem+json); Accept allows neither."));
            }
        }
    }
}
