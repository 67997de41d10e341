package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.stream.Collectors;

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
        Path.Node leaf = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
                leaf = node;
            }
        }
        return name(leaf) + " " + violation.getMessage();
    }

    /** Body properties by their wire name (PascalCase), parameters by their own, the body as a whole plainly. */
    private static String name(Path.Node node) {
        if (node == null) {
            return "request body";
        }
        String name = node.getName();
        if (node.getKind() == ElementKind.PROPERTY) {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
        return name.endsWith("Create") || name.endsWith("Update") ? "request body" : name;
    }
}
