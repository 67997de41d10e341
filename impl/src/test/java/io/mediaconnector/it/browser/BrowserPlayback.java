package io.mediaconnector.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plays a media-connector output in real headless Chromium by running
 * {@code node browser-tests/play.mjs} from the repository root.
 *
 * <p>Needs {@code node} on the PATH, {@code npm ci} done at the repo root (playwright-core, hls.js,
 * dashjs in {@code node_modules}) and Debian's {@code /usr/bin/chromium} (or {@code $CHROMIUM_PATH}).
 * When any of these is missing the calling test <b>fails</b> with a message naming the fix; it is
 * never skipped.
 *
 * <p>Types: {@code HLS}, {@code DASH}, {@code Streaming} (Smooth, URL ending in {@code .ism/Manifest}),
 * {@code Progressive}. The media URL is played from another origin than the test page, so the
 * server under test must send CORS headers.
 */
public final class BrowserPlayback {

    public static final String SCRIPT = "browser-tests/play.mjs";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Extra time for node start, browser launch and screenshot on top of the playback timeout. */
    private static final Duration PROCESS_GRACE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repoRoot;
    private final String node;

    /** One result line of play.mjs. {@code exitCode}: 0 ok, 1 playback failed, 2 usage, 3 environment. */
    public record PlaybackResult(boolean ok, String type, String url, double currentTime, List<String> errors,
                                 int videoWidth, int videoHeight, Path screenshot, long elapsedMillis,
                                 int exitCode, String json, String stderr) {

        /** Fails the test unless the video played (currentTime &gt; 2 s, no error). */
        public PlaybackResult assertPlayed() {
            if (!ok) {
                fail("browser playback of " + type + " " + url + " failed (exit " + exitCode + "), currentTime="
                        + currentTime + ", errors=" + errors + ", screenshot=" + screenshot
                        + "\n--- play.mjs stderr ---\n" + stderr);
            }
            return this;
        }
    }

    public BrowserPlayback() {
        this(findRepoRoot(Path.of(System.getProperty("user.dir"))));
    }

    public BrowserPlayback(Path repoRoot) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.node = System.getenv().getOrDefault("NODE", "node");
        checkEnvironment();
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /** Plays {@code url} and returns the result; fails the test only if the harness itself cannot run. */
    public PlaybackResult play(String type, String url, Path screenshot) {
        return play(type, url, screenshot, DEFAULT_TIMEOUT, null);
    }

    public PlaybackResult play(String type, String url, Path screenshot, Duration timeout, String bearerToken) {
        return play(type, url, screenshot, timeout, bearerToken, null);
    }

    /** With {@code clearKeyUrl} (DASH only), dashjs asks that ClearKey license server for the key. */
    public PlaybackResult play(String type, String url, Path screenshot, Duration timeout, String bearerToken,
                               String clearKeyUrl) {
        List<String> cmd = new ArrayList<>(List.of(node, SCRIPT, "--type", type, "--url", url,
                "--screenshot", screenshot.toAbsolutePath().toString(),
                "--timeout-ms", Long.toString(timeout.toMillis())));
        if (bearerToken != null) {
            cmd.add("--bearer");
            cmd.add(bearerToken);
        }
        if (clearKeyUrl != null) {
            cmd.add("--clearkey-url");
            cmd.add(clearKeyUrl);
        }
        Path stderrFile = null;
        long start = System.nanoTime();
        try {
            stderrFile = Files.createTempFile("play-mjs-", ".stderr");
            Process p = new ProcessBuilder(cmd)
                    .directory(repoRoot.toFile())
                    .redirectError(stderrFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            // stdout is one short JSON line; reading it to EOF before waitFor cannot dead-lock.
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.plus(PROCESS_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("play.mjs did not finish within " + timeout.plus(PROCESS_GRACE) + ": " + String.join(" ", cmd));
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            String stderr = Files.readString(stderrFile);
            int exit = p.exitValue();
            String line = lastJsonLine(stdout);
            if (line == null) {
                fail("play.mjs printed no JSON result (exit " + exit + ")\n--- stdout ---\n" + stdout
                        + "\n--- stderr ---\n" + stderr);
            }
            JsonNode n = JSON.readTree(line);
            List<String> errors = new ArrayList<>();
            n.path("errors").forEach(e -> errors.add(e.asText()));
            if (exit == 2 || exit == 3) {
                fail("play.mjs could not run (" + (exit == 3 ? "environment" : "usage") + "): " + errors
                        + "\n--- stderr ---\n" + stderr);
            }
            return new PlaybackResult(n.path("ok").asBoolean(false) && exit == 0, n.path("type").asText(type),
                    n.path("url").asText(url), n.path("currentTime").asDouble(0), List.copyOf(errors),
                    n.path("videoWidth").asInt(0), n.path("videoHeight").asInt(0), screenshot, elapsed, exit,
                    line, stderr);
        } catch (IOException e) {
            return fail("cannot run " + String.join(" ", cmd) + " in " + repoRoot + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running play.mjs", e);
        } finally {
            if (stderrFile != null) {
                try {
                    Files.deleteIfExists(stderrFile);
                } catch (IOException ignored) {
                    // temp file, best effort
                }
            }
        }
    }

    /** Walks up from {@code from} to the first folder that contains {@code browser-tests/play.mjs}. */
    public static Path findRepoRoot(Path from) {
        for (Path d = from.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(SCRIPT))) {
                return d;
            }
        }
        return fail("cannot find " + SCRIPT + " in " + from.toAbsolutePath() + " or any parent folder");
    }

    private void checkEnvironment() {
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("'" + node + " --version' failed: " + v + " (install Node 20: apt-get install -y nodejs)");
            }
        } catch (IOException e) {
            fail("node is not on the PATH (" + e.getMessage() + "): install Node 20 (apt-get install -y nodejs)"
                    + " then run 'npm ci' in " + repoRoot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking node");
        }
        for (String pkg : List.of("playwright-core", "hls.js", "dashjs")) {
            if (!Files.isRegularFile(repoRoot.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                fail("npm package " + pkg + " is missing from " + repoRoot.resolve("node_modules")
                        + ": run 'npm ci' in " + repoRoot);
            }
        }
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is missing at " + chromium + ": install Debian's chromium (apt-get install -y chromium);"
                    + " playwright must not download a browser");
        }
    }

    private static String lastJsonLine(String stdout) {
        String[] lines = stdout.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].trim();
            if (l.startsWith("{") && l.endsWith("}")) {
                return l;
            }
        }
        return null;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
