package io.mediaconnector.upload;

/**
 * The Azure Storage error code for an error that has only an HTTP status to go by (Jersey's own:
 * no route, wrong method; the guards every application shares: overload, an over-long URI), so
 * that SDKs see a code they know for every error of the blob protocol.
 */
public final class AzureErrorCodes {
    private AzureErrorCodes() {
    }

    public static String forStatus(int status) {
        return switch (status) {
            case 401 -> "AuthenticationFailed";
            case 403 -> "AuthorizationFailure";
            case 404 -> "ResourceNotFound";
            case 405 -> "UnsupportedHttpVerb";
            case 406, 415 -> "InvalidHeaderValue";
            case 408 -> "OperationTimedOut";
            case 409 -> "InvalidBlobOrBlock";
            case 412 -> "ConditionNotMet";
            case 413 -> "RequestBodyTooLarge";
            case 414 -> "InvalidUri";
            case 416 -> "InvalidRange";
            case 503 -> "ServerBusy";
            default -> status >= 500 ? "InternalError" : "InvalidInput";
        };
    }
}
