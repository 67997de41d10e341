package io.mediaconnector.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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
            assertThat(list.statusCode()).isEqualTo(200);
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
