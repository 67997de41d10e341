package io.mediaconnector.upload;

/**
 * An Azure Blob error: HTTP status, Azure error code (also sent as {@code x-ms-error-code}) and
 * message, rendered by {@link AzureErrorMapper} as Azure's XML body.
 */
public class AzureErrorException extends RuntimeException {

    private final int status;
    private final String code;

    public AzureErrorException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static AzureErrorException badRequest(String code, String message) {
        return new AzureErrorException(400, code, message);
    }
}
