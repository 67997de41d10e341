package io.mediaconnector.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one source of request ids: gives every request an id, returns it as
 * {@code x-ms-request-id}, and writes the one access log line per request (method, path, status,
 * ms, request id). Registered in every application (the API and the blob protocol); the HTTP
 * layer's own answers and the API's read shortcut take their ids from {@link #newId()} too.
 */
@PreMatching
@Priority(0)
public final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "x-ms-request-id";
    /** The request id in the logging MDC, printed on every line of the request (see logback.xml). */
    public static final String MDC_KEY = "requestId";
    private static final String ID = "mc.requestId";
    private static final String STARTED = "mc.startedNanos";
    private static final Logger ACCESS = LoggerFactory.getLogger("access");

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(ID);
        return id == null ? null : id.toString();
    }

    /**
     * A new request id in UUID form. Ids only need to be unique, not unguessable, so they come
     * from a per-thread generator rather than the contended SecureRandom behind UUID.randomUUID.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * The access log line of one request, its id in the MDC. The line is the request's last: the
     * id leaves the MDC after it, so what this thread logs next is not taken for the request's.
     */
    public static void logAccess(String method, String rawPath, int status, long startedNanos, String id) {
        try {
            if (ACCESS.isInfoEnabled()) {
                long micros = (System.nanoTime() - startedNanos) / 1_000;
                long fraction = micros % 1000;
                String padded = fraction < 10 ? "00" + fraction : fraction < 100 ? "0" + fraction : Long.toString(fraction);
                MDC.put(MDC_KEY, id);
                ACCESS.info("{} {} {} {}.{}ms", method, rawPath, status, micros / 1000, padded);
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String id = newId();
        request.setProperty(ID, id);
        MDC.put(MDC_KEY, id);
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = of(request);
        if (id == null) {
            return;
        }
        response.getHeaders().putSingle(HEADER, id);
        logAccess(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath(), response.getStatus(),
                (long) request.getProperty(STARTED), id);
    }
}
