package io.mediaconnector.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Parses the headers Jersey reads while it matches a route ({@code Content-Type}, {@code Accept})
 * before it does: a malformed one fails here, inside a filter, where the application's mapper of
 * Jersey's {@code HeaderValueException} answers in its dialect, instead of in Jersey's router,
 * which answers a bare 400 without a body.
 */
@PreMatching
@Priority(15)
public final class HeaderSyntax implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext context) {
        context.getMediaType();
        if (context.getHeaderString(HttpHeaders.ACCEPT) != null) {
            context.getAcceptableMediaTypes();
        }
    }
}
