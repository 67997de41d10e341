package io.mediaconnector.problem;

import java.util.Map;

/**
 * A failure the client should hear about as a problem+json answer. Thrown by services; mapped
 * in one place ({@code api.ProblemExceptionMapper}).
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ProblemException(ProblemType type, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra response headers, such as {@code Retry-After} or {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException videoNotFound() {
        return new ProblemException(ProblemType.VIDEO_NOT_FOUND, "No video with this id exists in your account.");
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException notImplemented(String capability) {
        return new ProblemException(ProblemType.NOT_IMPLEMENTED, capability + " is not implemented yet.");
    }
}
