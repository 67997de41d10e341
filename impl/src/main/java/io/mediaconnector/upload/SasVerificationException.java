package io.mediaconnector.upload;

/** A SAS that does not grant the request; {@link #kind()} says which Azure error it becomes. */
public class SasVerificationException extends RuntimeException {

    public enum Kind {
        /** Missing, malformed, tampered, expired, not yet valid or for another container: Azure's AuthenticationFailed. */
        AUTHENTICATION_FAILED,
        /** Valid signature, but {@code sp} lacks the permission: Azure's AuthorizationPermissionMismatch. */
        PERMISSION_MISMATCH
    }

    private final Kind kind;

    public SasVerificationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
