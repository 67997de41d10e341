package io.mediaconnector.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.account.AccountService;
import io.mediaconnector.http.InFlightLimit;
import io.mediaconnector.api.VideoRepresentation;
import io.mediaconnector.config.Settings;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.video.VideoService;

import java.time.Clock;

/**
 * A node's components without its HTTP server, for tests outside this package that put one of
 * its handlers in front of something else (see {@code it.VideoReadShortcutIT}).
 */
public final class ComponentsFixture implements AutoCloseable {
    private final Components components;

    private ComponentsFixture(Components components) {
        this.components = components;
    }

    public static ComponentsFixture open(Settings settings) {
        return new ComponentsFixture(new Components(settings, Clock.systemUTC(), Randomness.secure()));
    }

    public AccountService accounts() {
        return components.accounts;
    }

    public VideoService videos() {
        return components.videos;
    }

    public VideoRepresentation representation() {
        return components.representation;
    }

    public ObjectMapper json() {
        return components.json;
    }

    public InFlightLimit inFlight() {
        return components.inFlight;
    }

    @Override
    public void close() {
        components.close();
    }
}
