package io.mediaconnector.server;

/** A reason the node cannot start that the operator can act on; printed as one line, no stack trace. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message, null, false, false);
    }
}
