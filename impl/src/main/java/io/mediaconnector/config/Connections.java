package io.mediaconnector.config;

import java.time.Duration;

/**
 * How long the service waits on a client's connection.
 *
 * @param headerTimeout from a request's first byte, how long its whole header may take to arrive
 *                      (slower clients get 408 and the connection is closed)
 * @param idleTimeout   how long a keep-alive connection may sit idle between requests before it
 *                      is closed (whole seconds: Grizzly counts it in seconds)
 */
public record Connections(Duration headerTimeout, Duration idleTimeout) {

    public Connections {
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new InvalidSettingsException("MEDIA_CONNECTOR_HEADER_TIMEOUT must be positive, was " + headerTimeout);
        }
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 || idleTimeout.toNanos() % 1_000_000_000L != 0) {
            throw new InvalidSettingsException("MEDIA_CONNECTOR_IDLE_TIMEOUT must be a whole number of seconds, at least PT1S, was "
                    + idleTimeout);
        }
    }
}
