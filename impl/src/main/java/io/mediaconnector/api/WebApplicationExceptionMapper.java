package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ParamException;

import java.util.Map;

/**
 * Errors Jersey raises itself (unknown route, wrong method, unsupported Content-Type, a
 * parameter that does not parse), answered as problems with the container's status.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Inject
    private Provider<ContainerRequest> request;

    @Override
    public Response toResponse(WebApplicationException e) {
        ContainerRequest current = request.get();
        if (e instanceof ParamException.PathParamException) {
            return Problems.response(current, ProblemType.NOT_FOUND, "No resource at this path.");
        }
        if (e instanceof ParamException param) {
            // JAX-RS says 404 for an unparsable query parameter; the client sent a bad request.
            return Problems.response(current, ProblemType.INVALID_REQUEST,
                    "The " + param.getParameterType().getSimpleName().replace("Param", "").toLowerCase()
                            + " parameter '" + param.getParameterName() + "' has an invalid value.");
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (e instanceof NotAllowedException) {
            String allow = String.join(", ", e.getResponse().getAllowedMethods());
            return Problems.response(current, type, "This route allows " + allow + ".", Map.of(HttpHeaders.ALLOW, allow));
        }
        return Problems.response(current, type, detailFor(type));
    }

    private static String detailFor(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No resource at this path.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json.";
            case NOT_ACCEPTABLE -> "This operation cannot produce a media type that Accept allows.";
            default -> type.title() + ".";
        };
    }
}
