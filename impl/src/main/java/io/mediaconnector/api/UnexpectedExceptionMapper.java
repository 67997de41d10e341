package io.mediaconnector.api;

import io.mediaconnector.http.RequestIds;
import io.mediaconnector.problem.ProblemType;
import io.mediaconnector.support.DiskFull;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * Everything else. A full disk, or an exhausted or unreachable database, is 503 with {@code Retry-After};
 * the rest is 500, logged with the request id, never with a stack trace in the response.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Inject
    private Provider<ContainerRequest> request;

    @Override
    public Response toResponse(Throwable e) {
        ContainerRequest current = request.get();
        if (DiskFull.causedBy(e)) {
            LOG.warn("request {} refused, the disk is full: {}", RequestIds.of(current), e.toString());
            return Problems.response(current, ProblemType.STORAGE_FULL,
                    "The server's storage is full, so nothing was saved. Retry once space has been freed.",
                    Map.of("Retry-After", "30"));
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warn("database unavailable for request {}: {}", RequestIds.of(current), e.toString());
            return Problems.response(current, ProblemType.SERVICE_UNAVAILABLE,
                    "The database is busy or unreachable; retry shortly.", Map.of("Retry-After", "2"));
        }
        LOG.error("unexpected failure in request {}", RequestIds.of(current), e);
        return Problems.response(current, ProblemType.INTERNAL_ERROR,
                "Something unexpected failed. Quote request id " + RequestIds.of(current) + " when reporting it.");
    }

    private static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
