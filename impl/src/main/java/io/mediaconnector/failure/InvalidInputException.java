package io.mediaconnector.failure;

/** What the caller sent breaks a rule: a missing name, an unknown mode, too many tags… */
public final class InvalidInputException extends DomainException {
    public InvalidInputException(String message) {
        super(message);
    }
}
