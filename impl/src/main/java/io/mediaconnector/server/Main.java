package io.mediaconnector.server;

import ch.qos.logback.classic.LoggerContext;
import io.mediaconnector.config.InvalidSettingsException;
import io.mediaconnector.config.Settings;
import io.mediaconnector.config.SettingsLoader;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.H2Import;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Command-line entry point of media-connector.jar. */
@Command(name = "media-connector", mixinStandardHelpOptions = true, subcommands = {Main.Serve.class, Main.ImportH2.class})
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Starts the service and runs until SIGTERM/SIGINT, then shuts down gracefully. */
    @Command(name = "serve", description = "Run the service (API and encoding workers).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", description = "HTTP port (default 8080, or MEDIA_CONNECTOR_PORT).")
        Integer port;

        @Option(names = "--data-dir", description = "Data directory (default ./data, or MEDIA_CONNECTOR_DATA_DIR).")
        Path dataDir;

        @Override
        public Integer call() throws InterruptedException {
            Settings settings;
            try {
                settings = new SettingsLoader(System.getenv()).load(port, dataDir);
            } catch (InvalidSettingsException e) {
                System.err.println("Invalid configuration: " + e.getMessage());
                return 2;
            }
            Service service;
            try {
                service = Service.start(settings);
            } catch (StartupException e) {
                System.err.println("media-connector cannot start: " + e.getMessage());
                return 1;
            }
            service.bootstrapSecret().ifPresent(secret -> System.out.println("""

                    First start: created the admin API key below. It is shown only this once; store it now.
                      %s
                    """.formatted(secret)));
            LOG.info("media-connector listening on port {} (public URL {}), data in {}",
                    service.port(), service.baseUrl(), settings.dataDir());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("shutting down");
                service.close();
                flushLogs();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return 0;
        }

        /** Writes out log lines still queued for the background appender (the access log). */
        private static void flushLogs() {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
                logback.stop();
            }
        }
    }

    /** Carries an earlier version's H2 database over to SQLite, once, before the first start of this version. */
    @Command(name = "import-h2", description = "Import the H2 database of an earlier version into SQLite.")
    static final class ImportH2 implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Data directory (default ./data, or MEDIA_CONNECTOR_DATA_DIR).")
        Path dataDir;

        @Override
        public Integer call() {
            Settings settings;
            try {
                settings = new SettingsLoader(System.getenv()).load(null, dataDir);
            } catch (InvalidSettingsException e) {
                System.err.println("Invalid configuration: " + e.getMessage());
                return 2;
            }
            Optional<Path> h2 = H2Import.pending(settings.dataDir());
            if (h2.isEmpty()) {
                System.err.println("No H2 database to import in " + settings.dataDir().resolve("db"));
                return 1;
            }
            try (DataDirectoryLock lock = DataDirectoryLock.acquire(settings.dataDir());
                 Database database = Database.open(settings)) {
                Map<String, Integer> copied = H2Import.run(h2.get(), database);
                copied.forEach((table, rows) -> System.out.println("  " + table + ": " + rows + " rows"));
                System.out.println("Imported " + h2.get() + " into " + settings.databaseUrl()
                        + "; the H2 file was renamed to *.imported.");
                return 0;
            } catch (StartupException | IllegalStateException | IllegalArgumentException e) {
                System.err.println("Import failed, nothing changed: " + e.getMessage());
                return 1;
            }
        }
    }
}
