package io.mediaconnector.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's run command: the fat jar on embedded defaults, its first-start key, SIGTERM. */
class ServeCommandIT {
    @TempDir
    Path dataDir;

    /** Also the port-0 start: the port the OS picks is the one every absolute URL carries. */
    @Test
    void firstStartPrintsAnAdminKeyOnceAndSigtermStopsGracefully() throws Exception {
        Path jar = Path.of("target/media-connector.jar");
        assertThat(jar).exists();
        Process process = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--port", "0",
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String key = null;
        int port = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Pattern keyLine = Pattern.compile("^\\s+(mc_\\S+)$");
            Pattern listening = Pattern.compile(".*listening on port (\\d+) \\(public URL http://localhost:(\\d+)\\).*");
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                Matcher matcher = keyLine.matcher(line);
                if (matcher.matches()) {
                    key = matcher.group(1);
                }
                Matcher bound = listening.matcher(line);
                if (bound.matches()) {
                    port = Integer.parseInt(bound.group(1));
                    assertThat(bound.group(2)).as(line).isEqualTo(bound.group(1));
                    break;
                }
            }
            assertThat(key).as(String.join("\n", output)).isNotNull();
            assertThat(port).as(String.join("\n", output)).isPositive();

            String baseUrl = "http://localhost:" + port;
            SpecCheckedHttp http = new SpecCheckedHttp(baseUrl);
            HttpResponse<String> list = http.send(http.request("/api/Videos", key).GET());
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(dataDir.resolve("db/media-connector.sqlite")).exists();
            HttpResponse<String> created = http.send(http.request("/api/Videos", key).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"OriginalFileName\":\"a.mp4\"}")));
            assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                    assertThat(location).startsWith(baseUrl + "/api/Videos/"));
            assertThat(created.body()).contains("\"UploadUri\":\"" + baseUrl + "/blob/");

            assertSecondInstanceRefusesTheDataDirectory(jar, process.pid());

            // Process.destroy() would also close our end of its output; send SIGTERM ourselves.
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                output.add(line);
            }
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
        assertThat(output).anyMatch(line -> line.contains("shutting down"));
        assertThat(output).anyMatch(line -> line.contains("stopped"));
    }

    /**
     * What the jar prints is all in logback's one format: Grizzly's java.util.logging lines too,
     * and no "Hibernate Validator null"; a request's lines, its access line included, carry its id.
     */
    @Test
    void startupPrintsOneFormatAndARequestsLinesCarryItsId() throws Exception {
        Path jar = Path.of("target/media-connector.jar");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--port", String.valueOf(port),
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String requestId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("listening on port")) {
                output.add(line);
            }
            SpecCheckedHttp http = new SpecCheckedHttp("http://localhost:" + port);
            HttpResponse<String> health = http.send(http.request("/health").GET());
            requestId = health.headers().firstValue("x-ms-request-id").orElseThrow();
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                output.add(line);
            }
        } finally {
            process.destroyForcibly();
        }
        // the first start's key notice is the one thing printed for a person rather than logged
        List<String> logged = output.stream().filter(line -> !line.isBlank() && !line.startsWith("First start:")
                && !line.matches("\\s+mc_\\S+")).toList();
        Pattern oneFormat = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\[[^]]+] \\S+( \\[[0-9a-f-]{36}])? - .*");
        assertThat(logged).as(String.join("\n", output)).isNotEmpty().allMatch(line -> oneFormat.matcher(line).matches());
        assertThat(logged).anyMatch(line -> line.contains("NetworkListener - Started listener bound to"));
        assertThat(logged).noneMatch(line -> line.contains("Hibernate Validator"));
        assertThat(logged).anyMatch(line -> line.contains(" access [" + requestId + "] - GET /health 200 "));
    }

    /** The data directory is locked by its process: a second one says so in one line and exits. */
    private void assertSecondInstanceRefusesTheDataDirectory(Path jar, long holderPid) throws Exception {
        Process second = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--port", "0",
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        try {
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<String> lines = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(lines).containsExactly("media-connector cannot start: the data directory " + dataDir
                    + " is in use by another media-connector (pid " + holderPid + "); stop it or choose another --data-dir");
        } finally {
            second.destroyForcibly();
        }
    }
}
