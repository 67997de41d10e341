package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.message.internal.HeaderValueException;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * A request header Jersey cannot parse when it needs it ({@code Accept: text/html;q=abc}, a
 * {@code Content-Type} that is no media type): the client's mistake, 400, not a 500.
 */
public final class MalformedHeaderMapper implements ExceptionMapper<HeaderValueException> {
    @Inject
    private Provider<ContainerRequest> request;

    @Override
    public Response toResponse(HeaderValueException e) {
        return Problems.response(request.get(), ProblemType.MALFORMED_HEADER, headerNamed(e.getMessage()));
    }

    /** Jersey's message reads {@code Unable to parse "Accept" header value: "…"}; the name is enough. */
    private static String headerNamed(String message) {
        int open = message == null ? -1 : message.indexOf('"');
        int close = open < 0 ? -1 : message.indexOf('"', open + 1);
        String name = close < 0 ? "A" : "The " + message.substring(open + 1, close);
        return name + " header does not parse.";
    }
}
