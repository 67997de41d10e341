package io.mediaconnector.config;

/** A setting that cannot work; the message says which and why, for the operator at start-up. */
public class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }
}
