package io.mediaconnector.upload;

import io.mediaconnector.problem.ProblemType;

/**
 * The Azure Storage error code for a problem the service raised outside the blob endpoint's own
 * checks (the HTTP layer, routing, limits), so that {@code /blob} paths speak Azure's error
 * dialect throughout and SDKs see codes they know.
 */
public final class AzureErrorCodes {
    private AzureErrorCodes() {
    }

    public static String of(ProblemType type) {
        return switch (type) {
            case MALFORMED_URI, URI_TOO_LONG -> "InvalidUri";
            case MALFORMED_HEADER, AMBIGUOUS_FRAMING, HEADERS_TOO_LARGE, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE ->
                    "InvalidHeaderValue";
            case UNAUTHORIZED, INVALID_PLAYBACK_TOKEN -> "AuthenticationFailed";
            case FORBIDDEN, TOKEN_NOT_FOR_THIS_KEY -> "AuthorizationFailure";
            case NOT_FOUND, VIDEO_NOT_FOUND -> "ResourceNotFound";
            case METHOD_NOT_ALLOWED -> "UnsupportedHttpVerb";
            case REQUEST_TIMEOUT -> "OperationTimedOut";
            case CONFLICT -> "InvalidBlobOrBlock";
            case PRECONDITION_FAILED -> "ConditionNotMet";
            case PAYLOAD_TOO_LARGE -> "RequestBodyTooLarge";
            case SERVICE_UNAVAILABLE, STORAGE_FULL -> "ServerBusy";
            case INTERNAL_ERROR, NOT_IMPLEMENTED -> "InternalError";
            case INVALID_REQUEST, MALFORMED_JSON, UNKNOWN_PROPERTY, BODY_NOT_ALLOWED -> "InvalidInput";
        };
    }
}
