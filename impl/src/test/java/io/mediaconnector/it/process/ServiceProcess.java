package io.mediaconnector.it.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The service jar ({@code target/media-connector.jar}) as a child process, as an operator runs it,
 * so a test can {@code kill -9} it. Its output is appended to one log file across restarts.
 */
public final class ServiceProcess implements AutoCloseable {
    public static final String ADMIN_KEY = "mc_process-admin-key-0123456789";
    private static final Path JAR = Path.of("target/media-connector.jar").toAbsolutePath();

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts on a free port and returns once it listens; {@code settings} are MEDIA_CONNECTOR_* without the prefix. */
    public static ServiceProcess start(Path dataDir, Path log, Map<String, String> settings) {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", JAR.toString(), "serve",
                "--port", String.valueOf(port), "--data-dir", dataDir.toString()).redirectErrorStream(true);
        builder.environment().put("MEDIA_CONNECTOR_BOOTSTRAP_KEY", ADMIN_KEY);
        settings.forEach((name, value) -> builder.environment().put("MEDIA_CONNECTOR_" + name, value));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, listening), "service-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            listening.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not start; see " + log, e);
        }
        return new ServiceProcess(process, port);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as a deploy stops it; waits for the graceful shutdown to finish. */
    public int terminate() {
        try {
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitExit(Duration.ofSeconds(60));
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the service (pid " + process.pid() + ") did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<Void> listening) {
        List<String> head = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            file.write("---- pid " + process.pid() + " ----\n");
            String line;
            while ((line = out.readLine()) != null) {
                file.write(line);
                file.write('\n');
                file.flush();
                if (!listening.isDone()) {
                    head.add(line);
                    if (line.contains("listening on port")) {
                        listening.complete(null);
                    }
                }
            }
        } catch (IOException e) {
            // The process died; what it wrote is in the file.
        }
        listening.completeExceptionally(new IllegalStateException("exited before listening: " + String.join("\n", head)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
