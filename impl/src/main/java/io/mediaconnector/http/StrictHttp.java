package io.mediaconnector.http;

import io.mediaconnector.config.Connections;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * The HTTP layer below Jersey, installed on a Grizzly listener as an {@link AddOn} (Grizzly's own
 * extension point for its filter chain): Grizzly's codec is replaced by {@link StrictHttpCodec},
 * configured as Grizzly would configure its own, the keep-alive idle timeout is set, and whatever
 * still fails inside a Grizzly handler is answered in the dialect of the application the path
 * belongs to ({@link Applications}) instead of as an HTML page.
 */
public final class StrictHttp implements AddOn, AutoCloseable {
    private final RefusalAnswers answers;
    private final HeaderTimeouts headerTimeouts;
    private final Connections connections;

    public StrictHttp(Applications applications, Connections connections) {
        this.answers = new RefusalAnswers(applications);
        this.headerTimeouts = new HeaderTimeouts(connections.headerTimeout(), answers);
        this.connections = connections;
    }

    /** Call before the server starts: the listener reads its settings when it builds the chain. */
    public void configure(NetworkListener listener) {
        listener.getKeepAlive().setIdleTimeoutInSeconds((int) connections.idleTimeout().toSeconds());
        listener.registerAddOn(this);
    }

    /** Answers errors raised inside Grizzly handlers (outside Jersey's mappers) in the application's dialect. */
    public ErrorPageGenerator errorPages() {
        return new ProblemErrorPages(answers);
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("Grizzly's HTTP codec is not in the filter chain");
        }
        int maxHeaderBytes = listener.getMaxHttpHeaderSize() == -1
                ? HttpServerFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize();
        builder.set(codec, new StrictHttpCodec(listener.isChunkingEnabled(), maxHeaderBytes,
                listener.getKeepAlive(), listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders(),
                answers, headerTimeouts));
    }

    @Override
    public void close() {
        headerTimeouts.close();
    }
}
