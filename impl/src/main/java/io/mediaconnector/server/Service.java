package io.mediaconnector.server;

import io.mediaconnector.api.VideoReadShortcut;
import io.mediaconnector.config.Settings;
import io.mediaconnector.db.H2Import;
import io.mediaconnector.http.ApplicationRouter;
import io.mediaconnector.http.Applications;
import io.mediaconnector.http.StrictHttp;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Randomness;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainerProvider;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ContainerFactory;
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

    /**
     * Binds the port first, then builds the node: its absolute URLs carry the bound port, which
     * with port 0 only the OS knows until then (unless {@code MEDIA_CONNECTOR_PUBLIC_URL} names them).
     */
    public static Service start(Settings settings, Clock clock, Randomness randomness) {
        routeJavaUtilLoggingToSlf4j();
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.dataDir());
        StrictHttp http = null;
        HttpServer server = null;
        Components components = null;
        try {
            refuseUnimportedH2(settings);
            StartupGate api = new StartupGate();
            StartupGate blob = new StartupGate();
            Applications applications = new Applications(
                    new Applications.Application(api, ApiApplication.dialect(Json.newMapper())),
                    Map.of(BlobApplication.MOUNT, new Applications.Application(blob, BlobApplication.dialect())));
            http = new StrictHttp(applications, settings.connections());
            server = listening(settings, http, new ApplicationRouter(applications));
            components = new Components(settings.boundTo(boundPort(server)), clock, randomness);
            Optional<String> bootstrap = components.accounts.bootstrap(settings.bootstrapKey());
            api.open(videoReadShortcutInFrontOf(jersey(ApiApplication.create(components)), components));
            blob.open(jersey(BlobApplication.create(components)));
            components.startWorkers();
            return new Service(lock, components, server, http, bootstrap);
        } catch (RuntimeException e) {
            if (server != null) {
                server.shutdownNow();
            }
            if (http != null) {
                http.close();
            }
            if (components != null) {
                components.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * The HTTP server bound to the configured port, every request going to {@code router}: the
     * blob protocol's application under {@code /blob}, the API under every other path, each
     * behind a gate that holds requests until the node is built.
     */
    private static HttpServer listening(Settings settings, StrictHttp http, ApplicationRouter router) {
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://0.0.0.0:" + settings.port() + "/"), false);
        server.getServerConfiguration().addHttpHandler(router, HttpHandlerRegistration.ROOT);
        server.getServerConfiguration().setDefaultErrorPageGenerator(http.errorPages());
        for (NetworkListener listener : server.getListeners()) {
            // Room above the URI limit, so an over-long URI reaches UriLengthLimit and gets a 414 in its dialect.
            listener.setMaxHttpHeaderSize(settings.maxUriLength() + 16 * 1024);
            listener.getTransport().setReadTimeout(settings.requestBodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            http.configure(listener);
        }
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("cannot listen on port " + settings.port(), e);
        }
        return server;
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

    private static HttpHandler jersey(org.glassfish.jersey.server.ResourceConfig application) {
        return new GrizzlyHttpContainerProvider().createContainer(GrizzlyHttpContainer.class, application);
    }

    /** Plain video reads are answered before they reach Jersey. */
    private static HttpHandler videoReadShortcutInFrontOf(HttpHandler jersey, Components components) {
        return new VideoReadShortcut(jersey, components.accounts, components.videos, components.representation,
                components.json, components.inFlight);
    }

    /** The port actually bound (differs from the setting when that was 0). */
    public int port() {
        return boundPort(server);
    }

    /** Where clients reach this node: the configured public URL, else {@code http://localhost:<bound port>}. */
    public String baseUrl() {
        return components.settings.baseUrl();
    }

    private static int boundPort(HttpServer server) {
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
