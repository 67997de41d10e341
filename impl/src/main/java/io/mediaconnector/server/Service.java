package io.mediaconnector.server;

import io.mediaconnector.api.VideoReadShortcut;
import io.mediaconnector.config.Settings;
import io.mediaconnector.db.H2Import;
import io.mediaconnector.generated.server.model.Video;
import io.mediaconnector.http.StrictHttp;
import io.mediaconnector.support.Randomness;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One running node: its components and its HTTP server, started and stopped together. */
public final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final DataDirectoryLock lock;
    private final Components components;
    private final HttpServer server;
    private final StrictHttp http;
    private final Optional<String> bootstrapSecret;

    private Service(DataDirectoryLock lock, Components components, HttpServer server, StrictHttp http,
                    Optional<String> bootstrapSecret) {
        this.lock = lock;
        this.components = components;
        this.server = server;
        this.http = http;
        this.bootstrapSecret = bootstrapSecret;
    }

    public static Service start(Settings settings) {
        return start(settings, Clock.systemUTC(), Randomness.secure());
    }

    public static Service start(Settings settings, Clock clock, Randomness randomness) {
        routeJavaUtilLoggingToSlf4j();
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.dataDir());
        Components components;
        try {
            refuseUnimportedH2(settings);
            components = new Components(settings, clock, randomness);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        StrictHttp http = new StrictHttp(components.json, settings.connections());
        try {
            Optional<String> bootstrap = components.accounts.bootstrap(settings.bootstrapKey());
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                    URI.create("http://0.0.0.0:" + settings.port() + "/"), ApiApplication.create(components), false);
            putVideoReadShortcutInFront(server, components);
            server.getServerConfiguration().setDefaultErrorPageGenerator(http.errorPages());
            for (NetworkListener listener : server.getListeners()) {
                // Room above the URI limit, so an over-long URI reaches RequestLimits and gets a 414 problem.
                listener.setMaxHttpHeaderSize(settings.maxUriLength() + 16 * 1024);
                listener.getTransport().setReadTimeout(settings.requestBodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                http.configure(listener);
            }
            server.start();
            components.startWorkers();
            return new Service(lock, components, server, http, bootstrap);
        } catch (IOException e) {
            http.close();
            components.close();
            lock.close();
            throw new UncheckedIOException("cannot listen on port " + settings.port(), e);
        } catch (RuntimeException e) {
            http.close();
            components.close();
            lock.close();
            throw e;
        }
    }

    /**
     * Grizzly and Jersey log through java.util.logging: their lines go to SLF4J (logback.xml's one
     * format) instead of JUL's own two-line console format. Once per JVM, however many services it starts.
     */
    private static synchronized void routeJavaUtilLoggingToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** An earlier version's H2 database is never silently replaced by an empty SQLite one. */
    private static void refuseUnimportedH2(Settings settings) {
        if (settings.databaseUrl().startsWith("jdbc:sqlite:")) {
            H2Import.pending(settings.dataDir()).ifPresent(h2 -> {
                throw new StartupException("the data directory holds the H2 database of an earlier version (" + h2
                        + "); carry it over once with: java -jar media-connector.jar import-h2 --data-dir "
                        + settings.dataDir());
            });
        }
    }

    /** Wraps Jersey's handler so plain video reads are answered before they reach it. */
    private static void putVideoReadShortcutInFront(HttpServer server, Components components) {
        ServerConfiguration configuration = server.getServerConfiguration();
        Map<HttpHandler, HttpHandlerRegistration[]> handlers = configuration.getHttpHandlersWithMapping();
        if (handlers.size() != 1) {
            throw new IllegalStateException("expected Jersey's handler alone, found " + handlers.keySet());
        }
        Map.Entry<HttpHandler, HttpHandlerRegistration[]> jersey = handlers.entrySet().iterator().next();
        configuration.removeHttpHandler(jersey.getKey());
        configuration.addHttpHandler(new VideoReadShortcut(jersey.getKey(), components.accounts, components.videos,
                components.representation, components.json.writerFor(Video.class), components.inFlight),
                jersey.getValue());
    }

    /** The port actually bound (differs from the setting when that was 0). */
    public int port() {
        return server.getListeners().iterator().next().getPort();
    }

    /** The admin key created on the very first start, to show the operator once. */
    public Optional<String> bootstrapSecret() {
        return bootstrapSecret;
    }

    /**
     * Stops the encodes first (their jobs go back to the queue at once, for another node, and a
     * deploy does not count against them), then stops taking connections, lets requests in
     * flight finish within the grace period, and closes pools.
     */
    @Override
    public void close() {
        components.stopWorkers();
        long graceMillis = components.settings.shutdownGrace().toMillis();
        try {
            server.shutdown(graceMillis, TimeUnit.MILLISECONDS).get(graceMillis + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("HTTP server did not drain within {} ms; stopping it", graceMillis);
            server.shutdownNow();
        }
        http.close();
        components.close();
        lock.close();
        LOG.info("stopped");
    }
}
