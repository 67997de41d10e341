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

import java.util.Collection;
import java.util.Map;

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
            return Problems.response(current, ProblemType.INVALID_REQUEST, wrongValue(mapping));
        }
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problems.response(current, ProblemType.MALFORMED_JSON, "The request body is not valid JSON" + location + ".");
    }

    /** What the value at the failing spot should have been, as far as the target type says. */
    private static String wrongValue(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "The request body must be a JSON object as the contract describes.";
        }
        String where = path(e);
        Class<?> expected = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (expected == String.class) {
            return where + " must be a string.";
        }
        if (expected != null && Collection.class.isAssignableFrom(expected)) {
            return where + " must be an array.";
        }
        if (expected != null && Map.class.isAssignableFrom(expected)) {
            return where + " must be an object.";
        }
        return "The value of " + where + " has the wrong type or format.";
    }

    private static String where(JsonMappingException e) {
        return e.getPath().size() > 1 ? " in '" + path(e) + "'" : "";
    }

    /** The spot as a reader writes it: {@code Name}, {@code Tags[1]}, {@code Metadata['camera']}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() == null) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFrom() instanceof Map) {
                path.append("['").append(ref.getFieldName()).append("']");
            } else {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
