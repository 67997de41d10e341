package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Breaches of the contract's constraints (required, sizes, ranges): 400 listing each. */
public final class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
    @Inject
    private Provider<ContainerRequest> request;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> describe(v))
                .sorted()
                .collect(Collectors.joining("; "));
        return Problems.response(request.get(), ProblemType.INVALID_REQUEST, detail + ".");
    }

    private static String describe(ConstraintViolation<?> violation) {
        String field = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .filter(node -> node.getKind() == jakarta.validation.ElementKind.PROPERTY
                        || node.getKind() == jakarta.validation.ElementKind.PARAMETER)
                .map(Path.Node::getName)
                .reduce((first, second) -> second)
                .orElse("request body");
        if (field.endsWith("Create") || field.endsWith("Update")) {
            field = "request body";
        }
        return field + " " + violation.getMessage();
    }
}
