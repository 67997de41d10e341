package io.mediaconnector.server;

import ch.qos.logback.classic.LoggerContext;
import io.mediaconnector.config.InvalidSettingsException;
import io.mediaconnector.config.Settings;
import io.mediaconnector.config.SettingsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Command-line entry point of media-connector.jar. */
@Command(name = "media-connector", mixinStandardHelpOptions = true, subcommands = Main.Serve.class)
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
            Service service = Service.start(settings);
            service.bootstrapSecret().ifPresent(secret -> System.out.println("""

                    First start: created the admin API key below. It is shown only this once; store it now.
                      %s
                    """.formatted(secret)));
            LOG.info("media-connector listening on port {} (public URL {}), data in {}",
                    service.port(), settings.baseUrl(), settings.dataDir());
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
}
