package io.mediaconnector.problem;

/**
 * Every kind of error the service answers with: its HTTP status, a stable machine code (the
 * problem's {@code code}) and a title. The problem's {@code type} URI is derived from the code.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "InvalidRequest", "Invalid request"),
    MALFORMED_JSON(400, "MalformedJson", "Malformed JSON"),
    UNKNOWN_PROPERTY(400, "UnknownProperty", "Unknown property"),
    MALFORMED_HEADER(400, "MalformedHeader", "Malformed header"),
    MALFORMED_URI(400, "MalformedUri", "Malformed request URI"),
    AMBIGUOUS_FRAMING(400, "AmbiguousFraming", "Ambiguous message framing"),
    BODY_NOT_ALLOWED(400, "BodyNotAllowed", "Body not allowed"),
    HEADERS_TOO_LARGE(400, "HeadersTooLarge", "Request headers too large"),
    UNAUTHORIZED(401, "Unauthorized", "Missing or invalid API key"),
    INVALID_PLAYBACK_TOKEN(401, "InvalidPlaybackToken", "Missing, invalid or expired playback token"),
    FORBIDDEN(403, "Forbidden", "Insufficient scope"),
    TOKEN_NOT_FOR_THIS_KEY(403, "TokenNotForThisKey", "Playback token for another video or key"),
    NOT_FOUND(404, "NotFound", "Not found"),
    VIDEO_NOT_FOUND(404, "VideoNotFound", "Video not found"),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "NotAcceptable", "Not acceptable"),
    REQUEST_TIMEOUT(408, "RequestTimeout", "Request timed out"),
    CONFLICT(409, "Conflict", "Conflict with the current state"),
    PRECONDITION_FAILED(412, "PreconditionFailed", "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge", "Request body too large"),
    URI_TOO_LONG(414, "UriTooLong", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType", "Unsupported media type"),
    INTERNAL_ERROR(500, "InternalError", "Internal error"),
    NOT_IMPLEMENTED(501, "NotImplemented", "Not implemented"),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "Service unavailable"),
    STORAGE_FULL(503, "StorageFull", "Storage full");

    private final int status;
    private final String code;
    private final String title;

    ProblemType(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String typeUri() {
        return "urn:problem:media-connector:" + code;
    }

    /** The general type for a status the container produced on its own. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
