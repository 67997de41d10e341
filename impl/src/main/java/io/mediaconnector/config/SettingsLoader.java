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
        String defaultDb = "jdbc:sqlite:" + dataDir.resolve("db/media-connector.sqlite");
        return new Settings(
                port,
                dataDir,
                Optional.ofNullable(get("PUBLIC_URL", URI::create, null)),
                get("DATABASE_URL", Function.identity(), defaultDb),
                Optional.ofNullable(get("DATABASE_USER", Function.identity(), null)),
                Optional.ofNullable(get("DATABASE_PASSWORD", Function.identity(), null)),
                get("DATABASE_POOL_SIZE", Integer::parseInt, 16),
                Optional.ofNullable(env.get("MEDIA_CONNECTOR_BOOTSTRAP_KEY")).filter(s -> !s.isBlank()),
                get("MAX_REQUEST_BODY_BYTES", Long::parseLong, 1024L * 1024),
                get("MAX_URI_LENGTH", Integer::parseInt, 8192),
                get("REQUEST_BODY_TIMEOUT", Duration::parse, Duration.ofSeconds(30)),
                get("MAX_CONCURRENT_REQUESTS", Integer::parseInt, 512),
                get("SHUTDOWN_GRACE", Duration::parse, Duration.ofSeconds(20)),
                media(),
                new Protection(
                        Optional.ofNullable(get("MASTER_KEY", Function.identity(), null)),
                        Optional.ofNullable(get("TOKEN_SIGNING_KEYS", Function.identity(), null)),
                        get("TOKEN_VALIDITY", Duration::parse, Duration.ofHours(1))),
                get("API_KEY_CACHE_TTL", Duration::parse, Duration.ofSeconds(5)),
                get("DISK_RESERVE_BYTES", Long::parseLong, 256L * 1024 * 1024),
                new Connections(
                        get("HEADER_TIMEOUT", Duration::parse, Duration.ofSeconds(20)),
                        get("IDLE_TIMEOUT", Duration::parse, Duration.ofSeconds(30))));
    }

    private Media media() {
        Optional<Path> ffmpeg = Optional.ofNullable(get("FFMPEG", Path::of, null));
        Optional<Path> ffprobe = Optional.ofNullable(get("FFPROBE", Path::of, null));
        if (ffmpeg.isPresent() != ffprobe.isPresent()) {
            throw new InvalidSettingsException("set both MEDIA_CONNECTOR_FFMPEG and MEDIA_CONNECTOR_FFPROBE, or neither");
        }
        return new Media(
                get("WORKERS", Integer::parseInt, 1),
                get("JOB_MAX_ATTEMPTS", Integer::parseInt, 3),
                get("JOB_LEASE", Duration::parse, Duration.ofSeconds(30)),
                get("JOB_POLL_INTERVAL", Duration::parse, Duration.ofMillis(500)),
                get("JOB_DISK_FULL_BACKOFF", Duration::parse, Duration.ofSeconds(30)),
                get("MAX_UPLOAD_BYTES", Long::parseLong, 50L * 1024 * 1024 * 1024),
                get("UPLOAD_SAS_VALIDITY", Duration::parse, Duration.ofHours(12)),
                get("PLAYBACK_URL_VALIDITY", Duration::parse, Duration.ofHours(1)),
                Optional.ofNullable(get("SIGNING_SECRET", Function.identity(), null)),
                ffmpeg.map(path -> new Media.SystemFfmpeg(path, ffprobe.orElseThrow())),
                get("PLAINTEXT_DIR", Path::of, defaultPlaintextDir()));
    }

    /** RAM-backed where the machine has it, so a decrypted upload never rests on a disk. */
    private static Path defaultPlaintextDir() {
        Path shm = Path.of("/dev/shm");
        return java.nio.file.Files.isDirectory(shm) && java.nio.file.Files.isWritable(shm)
                ? shm.resolve("media-connector") : Path.of(System.getProperty("java.io.tmpdir"), "media-connector-plaintext");
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
