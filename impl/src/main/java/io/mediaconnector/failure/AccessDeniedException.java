package io.mediaconnector.failure;

/** The caller proved who they are (or holds a signed link), but it does not grant this. */
public final class AccessDeniedException extends DomainException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
