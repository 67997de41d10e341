package io.mediaconnector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.stream.Collectors;

/** A request body that is not JSON, or JSON that does not fit the schema: 400, naming the spot. */
public final class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
    @Inject
    private Provider<ContainerRequest> request;

    @Override
    public Response toResponse(JsonProcessingException e) {
        ContainerRequest current = request.get();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                // The body stream gave up (too large, too slow) while Jackson was reading it.
                return Problems.response(current, problem.type(), problem.detail(), problem.headers());
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problems.response(current, ProblemType.UNKNOWN_PROPERTY,
                    "Unknown property '" + unknown.getPropertyName() + "'" + where(unknown) + ".");
        }
        if (e instanceof MismatchedInputException missing && missing.getOriginalMessage().startsWith("Missing required")) {
            String message = missing.getOriginalMessage();
            int open = message.indexOf('\'');
            String property = open < 0 ? "A required property" : message.substring(open + 1, message.indexOf('\'', open + 1));
            return Problems.response(current, ProblemType.INVALID_REQUEST, property + " is required.");
        }
        if (e instanceof JsonMappingException mapping) {
            String detail = mapping.getPath().isEmpty()
                    ? "The request body must be a JSON object as the contract describes."
                    : "The value of '" + path(mapping) + "' has the wrong type or format.";
            return Problems.response(current, ProblemType.INVALID_REQUEST, detail);
        }
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problems.response(current, ProblemType.MALFORMED_JSON, "The request body is not valid JSON" + location + ".");
    }

    private static String where(JsonMappingException e) {
        return e.getPath().size() > 1 ? " in '" + path(e) + "'" : "";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
