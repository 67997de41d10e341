package io.mediaconnector.failure;

/** The caller's copy is older than the stored one: a conditional change that would overwrite news. */
public final class StaleVersionException extends DomainException {
    public StaleVersionException(String message) {
        super(message);
    }
}
