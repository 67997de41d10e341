package io.mediaconnector.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds {@link Settings} from environment variables ({@code MEDIA_CONNECTOR_*}) and the
 * command-line options that override them.
 */
public final class SettingsLoader {
    private final Map<String, String> env;

    public SettingsLoader(Map<String, String> env) {
        this.env = env;
    }

    public Settings load(Integer portOption, Path dataDirOption) {
        int port = portOption != null ? portOption : get("PORT", Integer::parseInt, 8080);
        Path dataDir = (dataDirOption != null ? dataDirOption : get("DATA_DIR", Path::of, Path.of("data")))
                .toAbsolutePath().normalize();
        URI baseUrl = get("PUBLIC_URL", URI::create, URI.create("http://localhost:" + port));
        String defaultDb = "jdbc:h2:file:" + dataDir.resolve("db/media-connector") + ";DB_CLOSE_ON_EXIT=FALSE";
        return new Settings(
                port,
                dataDir,
                baseUrl,
                get("DATABASE_URL", Function.identity(), defaultDb),
                get("DATABASE_USER", Function.identity(), "sa"),
                get("DATABASE_PASSWORD", Function.identity(), ""),
                get("DATABASE_POOL_SIZE", Integer::parseInt, 16),
                Optional.ofNullable(env.get("MEDIA_CONNECTOR_BOOTSTRAP_KEY")).filter(s -> !s.isBlank()),
                get("MAX_REQUEST_BODY_BYTES", Long::parseLong, 1024L * 1024),
                get("MAX_URI_LENGTH", Integer::parseInt, 8192),
                get("REQUEST_BODY_TIMEOUT", Duration::parse, Duration.ofSeconds(30)),
                get("MAX_CONCURRENT_REQUESTS", Integer::parseInt, 512),
                get("SHUTDOWN_GRACE", Duration::parse, Duration.ofSeconds(20)),
                get("API_KEY_CACHE_TTL", Duration::parse, Duration.ofSeconds(5)));
    }

    private <T> T get(String name, Function<String, T> parse, T fallback) {
        String key = "MEDIA_CONNECTOR_" + name;
        String raw = env.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(key + " has an invalid value '" + raw + "': " + e.getMessage());
        }
    }
}
