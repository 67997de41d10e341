package io.mediaconnector.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Gives every request an id, returns it as {@code x-ms-request-id}, and writes the one access
 * log line per request (method, path, status, ms, request id).
 */
@PreMatching
@Priority(0)
public final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "x-ms-request-id";
    private static final String ID = "mc.requestId";
    private static final String STARTED = "mc.startedNanos";
    private static final Logger ACCESS = LoggerFactory.getLogger("access");

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(ID);
        return id == null ? null : id.toString();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(ID, UUID.randomUUID().toString());
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = of(request);
        if (id == null) {
            return;
        }
        response.getHeaders().putSingle(HEADER, id);
        long micros = (System.nanoTime() - (long) request.getProperty(STARTED)) / 1_000;
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("{} {} {} {}.{}ms {}", request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(),
                    response.getStatus(), micros / 1000, String.format("%03d", micros % 1000), id);
        }
    }
}
