package io.mediaconnector.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Every answer of key delivery, errors and unknown routes under {@code /keys} included, is
 * {@code Cache-Control: no-store}: a content key or a license must never sit in a cache, and
 * neither should an answer that says whether a token worked.
 */
public final class KeyDeliveryCaching implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (RoutePaths.firstSegment(request.getUriInfo()).equals("keys")) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
