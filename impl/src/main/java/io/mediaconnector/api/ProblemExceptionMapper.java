package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;

/** Problems the service raised on purpose. */
public final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Inject
    private Provider<ContainerRequest> request;

    @Override
    public Response toResponse(ProblemException e) {
        return Problems.response(request.get(), e.type(), e.detail(), e.headers());
    }
}
