package io.mediaconnector.api;

import io.mediaconnector.failure.AccessDeniedException;
import io.mediaconnector.failure.DomainException;
import io.mediaconnector.failure.InvalidInputException;
import io.mediaconnector.failure.NotFoundException;
import io.mediaconnector.failure.NotImplementedException;
import io.mediaconnector.failure.StaleVersionException;
import io.mediaconnector.failure.StateConflictException;
import io.mediaconnector.failure.TokenRejectedException;
import io.mediaconnector.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.List;
import java.util.Map;

/**
 * Where each kind of domain failure becomes an HTTP problem: the only place that knows which
 * status and problem code a domain refusal gets. One mapper per kind; the message is the
 * domain's own, as the problem's {@code detail}.
 */
public final class DomainProblemMappers {
    private DomainProblemMappers() {
    }

    /** Every mapper, for the application to register. */
    public static List<Class<?>> all() {
        return List.of(InvalidInput.class, NotFound.class, StateConflict.class, StaleVersion.class,
                NotImplemented.class, AccessDenied.class, TokenRejected.class);
    }

    abstract static class Base {
        @Inject
        private Provider<ContainerRequest> request;

        Response problem(ProblemType type, DomainException e) {
            return problem(type, e, Map.of());
        }

        Response problem(ProblemType type, DomainException e, Map<String, String> headers) {
            return Problems.response(request.get(), type, e.getMessage(), headers);
        }
    }

    public static final class InvalidInput extends Base implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return problem(ProblemType.INVALID_REQUEST, e);
        }
    }

    public static final class NotFound extends Base implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return problem(e instanceof NotFoundException.VideoNotFoundException
                    ? ProblemType.VIDEO_NOT_FOUND : ProblemType.NOT_FOUND, e);
        }
    }

    public static final class StateConflict extends Base implements ExceptionMapper<StateConflictException> {
        @Override
        public Response toResponse(StateConflictException e) {
            return problem(ProblemType.CONFLICT, e);
        }
    }

    public static final class StaleVersion extends Base implements ExceptionMapper<StaleVersionException> {
        @Override
        public Response toResponse(StaleVersionException e) {
            return problem(ProblemType.PRECONDITION_FAILED, e);
        }
    }

    public static final class NotImplemented extends Base implements ExceptionMapper<NotImplementedException> {
        @Override
        public Response toResponse(NotImplementedException e) {
            return problem(ProblemType.NOT_IMPLEMENTED, e);
        }
    }

    public static final class AccessDenied extends Base implements ExceptionMapper<AccessDeniedException> {
        @Override
        public Response toResponse(AccessDeniedException e) {
            return problem(ProblemType.FORBIDDEN, e);
        }
    }

    /** A missing, expired or forged token is 401 with a challenge; a token of another video is 403. */
    public static final class TokenRejected extends Base implements ExceptionMapper<TokenRejectedException> {
        @Override
        public Response toResponse(TokenRejectedException e) {
            if (e.reason() == TokenRejectedException.Reason.OTHER_VIDEO_OR_KEY) {
                return problem(ProblemType.TOKEN_NOT_FOR_THIS_KEY, e);
            }
            return problem(ProblemType.INVALID_PLAYBACK_TOKEN, e, Map.of("WWW-Authenticate", "Bearer"));
        }
    }
}
