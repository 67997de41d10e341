package io.mediaconnector.failure;

/**
 * A request the domain refuses, in the domain's words: its message says what is true and what to
 * do, and nothing about HTTP (the edges map each kind to their protocol's answer). Cheap to throw:
 * no stack trace, since it is an answer, not a bug.
 */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
