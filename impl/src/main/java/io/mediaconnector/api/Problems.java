package io.mediaconnector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.generated.server.model.Problem;
import io.mediaconnector.http.RequestIds;
import io.mediaconnector.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;

import java.net.URI;
import java.util.Map;

/**
 * Builds every problem+json answer of the service: the one HTTP error path (Jersey's mappers and
 * filters, and the answers the HTTP codec gives before Jersey sees a request).
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The most of a request path a problem echoes back: an 8 KB URI does not come back whole. */
    static final int MAX_INSTANCE_LENGTH = 256;
    /** The most of a detail a problem carries, since details may quote what the client sent. */
    static final int MAX_DETAIL_LENGTH = 512;

    private Problems() {
    }

    public static Response response(ContainerRequest request, ProblemType type, String detail) {
        return response(request, type, detail, Map.of());
    }

    public static Response response(ContainerRequest request, ProblemType type, String detail,
                                    Map<String, String> headers) {
        String path = request == null ? "" : "/" + request.getPath(false);
        Problem problem = of(type, detail, path, request == null ? null : RequestIds.of(request));
        Response.ResponseBuilder builder = Response.status(type.status()).entity(problem).type(MEDIA_TYPE);
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The problem as JSON, for answers written below Jersey (the HTTP codec's refusals). */
    public static byte[] json(ObjectMapper mapper, ProblemType type, String detail, String instance, String requestId) {
        try {
            return mapper.writeValueAsBytes(of(type, detail, instance, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem did not serialize", e);
        }
    }

    /** The problem body itself, with what it echoes of the request cut to a sane length. */
    public static Problem of(ProblemType type, String detail, String instance, String requestId) {
        return new Problem()
                .type(URI.create(type.typeUri()))
                .title(type.title())
                .status(type.status())
                .detail(bounded(detail, MAX_DETAIL_LENGTH))
                .instance(instance == null ? "" : bounded(instance, MAX_INSTANCE_LENGTH))
                .code(type.code())
                .requestId(requestId);
    }

    /** {@code text} cut to {@code max} characters, marked with an ellipsis where it was cut. */
    public static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
