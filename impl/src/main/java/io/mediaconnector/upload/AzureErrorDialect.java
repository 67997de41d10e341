package io.mediaconnector.upload;

import io.mediaconnector.generated.server.model.Problem;
import io.mediaconnector.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * On {@code /blob/...} paths, answers that the rest of the service gave as problem+json (no
 * route, wrong method, a URI over the limit, overload, a malformed header) are turned into Azure
 * Storage's XML error with {@code x-ms-error-code}: a client of the blob protocol only ever sees
 * the errors its SDK understands.
 */
@Priority(100)
public final class AzureErrorDialect implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !isBlobPath(request)) {
            return;
        }
        String code = AzureErrorCodes.of(typeOf(problem));
        response.getHeaders().putSingle(AzureErrorMapper.ERROR_CODE_HEADER, code);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, AzureErrorMapper.APPLICATION_XML_UTF8);
        response.setEntity(AzureErrorMapper.xml(code, problem.getDetail() == null ? problem.getTitle() : problem.getDetail()));
    }

    private static boolean isBlobPath(ContainerRequestContext request) {
        // As the router sees it (decoded, without matrix parameters), not as sent.
        var segments = request.getUriInfo().getPathSegments(true);
        return !segments.isEmpty() && segments.get(0).getPath().equals("blob");
    }

    private static ProblemType typeOf(Problem problem) {
        for (ProblemType type : ProblemType.values()) {
            if (type.code().equals(problem.getCode())) {
                return type;
            }
        }
        return ProblemType.forStatus(problem.getStatus());
    }
}
