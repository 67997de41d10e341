package io.mediaconnector.server;

import io.mediaconnector.api.HealthResource;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line entry point of media-connector.jar. */
@Command(name = "media-connector", mixinStandardHelpOptions = true,
        subcommands = Main.Serve.class)
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Starts the HTTP server and blocks until the JVM is asked to stop. */
    @Command(name = "serve", description = "Start the HTTP server.")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data-dir", defaultValue = "./data", description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call() throws InterruptedException {
            ResourceConfig config = new ResourceConfig()
                    .register(HealthResource.class)
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true);
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                    URI.create("http://0.0.0.0:" + port + "/"), config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.shutdownNow();
                stopped.countDown();
            }, "shutdown"));
            System.out.println("media-connector listening on port " + port + ", data in " + dataDir);
            stopped.await();
            return 0;
        }
    }
}
