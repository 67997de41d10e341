package io.mediaconnector.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the service, validated once at start-up. README.md has the table of them;
 * {@link SettingsLoader} reads them from command-line options and environment variables.
 */
public record Settings(
        int port,
        Path dataDir,
        Optional<URI> configuredPublicUrl,
        String databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        int databasePoolSize,
        Optional<String> bootstrapKey,
        long maxRequestBodyBytes,
        int maxUriLength,
        Duration requestBodyTimeout,
        int maxConcurrentRequests,
        Duration shutdownGrace,
        Media media,
        Protection protection,
        Duration apiKeyCacheTtl,
        long diskReserveBytes,
        Connections connections) {

    /** A revoked key may keep working on other nodes this long at most. */
    public static final Duration MAX_API_KEY_CACHE_TTL = Duration.ofMinutes(1);

    public Settings {
        require(port >= 0 && port <= 65535, "port must be 0..65535, was " + port);
        require(databaseUrl.startsWith("jdbc:sqlite:") || databaseUrl.startsWith("jdbc:postgresql:"),
                "database URL must start with jdbc:sqlite: or jdbc:postgresql:");
        require(databasePoolSize >= 1, "database pool size must be at least 1");
        require(maxRequestBodyBytes >= 1024, "max request body must be at least 1024 bytes");
        require(maxUriLength >= 256, "max URI length must be at least 256");
        require(maxConcurrentRequests >= 1, "max concurrent requests must be at least 1");
        require(!requestBodyTimeout.isNegative() && !requestBodyTimeout.isZero(), "request body timeout must be positive");
        configuredPublicUrl.ifPresent(url -> require(url.isAbsolute() && (url.getPath().isEmpty() || url.getPath().equals("/")),
                "public base URL must be absolute without a path, was " + url));
        require(!apiKeyCacheTtl.isNegative() && apiKeyCacheTtl.compareTo(MAX_API_KEY_CACHE_TTL) <= 0,
                "API key cache TTL must be 0.." + MAX_API_KEY_CACHE_TTL + " (revocation waits for it), was " + apiKeyCacheTtl);
        require(diskReserveBytes >= 0, "disk reserve must be 0 or more bytes");
        bootstrapKey.ifPresent(key -> require(key.length() >= 16, "bootstrap key must be at least 16 characters"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidSettingsException(message);
        }
    }

    /**
     * The settings of the node once it listens on {@code boundPort}: the port the OS picked when
     * the setting was 0, and so the public URL that carries it.
     */
    public Settings boundTo(int boundPort) {
        require(port == 0 || port == boundPort, "bound to port " + boundPort + " instead of " + port);
        return new Settings(boundPort, dataDir, configuredPublicUrl, databaseUrl, databaseUser, databasePassword,
                databasePoolSize, bootstrapKey, maxRequestBodyBytes, maxUriLength, requestBodyTimeout,
                maxConcurrentRequests, shutdownGrace, media, protection, apiKeyCacheTtl, diskReserveBytes, connections);
    }

    /**
     * Where clients reach the node: {@code MEDIA_CONNECTOR_PUBLIC_URL}, else {@code http://localhost:<port>}.
     * With port 0 that is known only once the node listens (see {@link #boundTo}).
     */
    public URI publicBaseUrl() {
        if (configuredPublicUrl.isEmpty() && port == 0) {
            throw new IllegalStateException("the public URL of a node on port 0 is known once it listens: use boundTo(port)");
        }
        return configuredPublicUrl.orElseGet(() -> URI.create("http://localhost:" + port));
    }

    /** The public base URL without a trailing slash, for building absolute links. */
    public String baseUrl() {
        String url = publicBaseUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
