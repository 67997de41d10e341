package io.mediaconnector.api;

import io.mediaconnector.generated.server.model.Problem;
import io.mediaconnector.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.Map;

/** Builds every problem+json response of the service: the one HTTP error path. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response response(ContainerRequest request, ProblemType type, String detail) {
        return response(request, type, detail, Map.of());
    }

    public static Response response(ContainerRequest request, ProblemType type, String detail,
                                    Map<String, String> headers) {
        String path = request == null ? "" : "/" + request.getPath(false);
        Problem problem = new Problem()
                .type(java.net.URI.create(type.typeUri()))
                .title(type.title())
                .status(type.status())
                .detail(detail)
                .instance(path)
                .code(type.code())
                .requestId(request == null ? null : RequestIds.of(request));
        Response.ResponseBuilder builder = Response.status(type.status()).entity(problem).type(MEDIA_TYPE);
        headers.forEach(builder::header);
        return builder.build();
    }
}
