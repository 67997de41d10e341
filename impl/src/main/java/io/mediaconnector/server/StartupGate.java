package io.mediaconnector.server;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import java.util.concurrent.CompletableFuture;

/**
 * The server's one handler, in place from the moment the port is bound: the node's own handler
 * needs the public URL, which carries the bound port, so it is built after binding and handed
 * over with {@link #open}. A request that arrives in between waits for it, as it would have
 * waited in the listen backlog.
 */
final class StartupGate extends HttpHandler {
    private final CompletableFuture<HttpHandler> node = new CompletableFuture<>();

    /** Starts the node's handler and hands it every request from now on, the held ones first. */
    void open(HttpHandler handler) {
        handler.start();
        node.complete(handler);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        node.join().service(request, response);
    }

    /** The server stops: the node's handler with it, or, if the node never started, the requests held for it. */
    @Override
    public void destroy() {
        if (!node.completeExceptionally(new IllegalStateException("the node stopped before it was ready"))) {
            node.join().destroy();
        }
    }
}
