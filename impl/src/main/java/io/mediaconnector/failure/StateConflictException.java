package io.mediaconnector.failure;

/** The thing exists but its current state does not allow this (already completed, not playable yet…). */
public final class StateConflictException extends DomainException {
    public StateConflictException(String message) {
        super(message);
    }
}
