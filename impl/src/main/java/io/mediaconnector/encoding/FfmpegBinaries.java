package io.mediaconnector.encoding;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ffmpeg and ffprobe are and how to start them.
 *
 * <p>{@link #bundled(Path)} extracts the executables shipped in {@code org.bytedeco:ffmpeg}
 * (linux-x86_64) without loading any JNI library, and runs them with {@code LD_LIBRARY_PATH}
 * pointing at the extracted folder. {@link #system(Path, Path)} uses executables installed on the
 * machine instead. Call {@link #verify()} at start-up: it fails with a message that names the fix.
 *
 * <p>Either way every process is started behind a {@link ParentDeathSignal}, so it dies with the service.
 */
public final class FfmpegBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegBinaries.class);
    private static final String BUNDLE_FOLDER = "/org/bytedeco/ffmpeg/linux-x86_64/";
    private static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);

    private final Path ffmpeg;
    private final Path ffprobe;
    private final Map<String, String> environment;
    private final ParentDeathSignal deathSignal;

    private FfmpegBinaries(Path ffmpeg, Path ffprobe, Map<String, String> environment, ParentDeathSignal deathSignal) {
        this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
        this.ffprobe = Objects.requireNonNull(ffprobe, "ffprobe");
        this.environment = Map.copyOf(environment);
        this.deathSignal = Objects.requireNonNull(deathSignal, "deathSignal");
    }

    /**
     * The executables bundled in the bytedeco jar, extracted under {@code cacheDir} (for example
     * {@code <data-dir>/ffmpeg}). Extraction is skipped when the files are already there.
     *
     * <p>javacpp reads its cache directory once per JVM: if something already used javacpp's
     * {@code Loader} with another cache directory, the executables are extracted there instead.
     */
    public static FfmpegBinaries bundled(Path cacheDir) {
        try {
            Files.createDirectories(cacheDir);
            if (System.getProperty(CACHE_DIR_PROPERTY) == null) {
                System.setProperty(CACHE_DIR_PROPERTY, cacheDir.toAbsolutePath().toString());
            }
            File[] folders = Loader.cacheResources(FfmpegBinaries.class, BUNDLE_FOLDER);
            Path folder = findBundleFolder(folders);
            Path ffmpeg = makeExecutable(folder.resolve("ffmpeg"));
            Path ffprobe = makeExecutable(folder.resolve("ffprobe"));
            LOG.info("Using bundled ffmpeg from {}", folder);
            return new FfmpegBinaries(ffmpeg, ffprobe, Map.of("LD_LIBRARY_PATH", folder.toString()),
                    ParentDeathSignal.detect());
        } catch (IOException e) {
            throw new FfmpegUnavailableException(
                    "Could not extract the bundled ffmpeg into " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /** Executables installed on the machine, e.g. Debian's {@code /usr/bin/ffmpeg} and {@code /usr/bin/ffprobe}. */
    public static FfmpegBinaries system(Path ffmpeg, Path ffprobe) {
        return new FfmpegBinaries(ffmpeg, ffprobe, Map.of(), ParentDeathSignal.detect());
    }

    public Path ffmpeg() {
        return ffmpeg;
    }

    public Path ffprobe() {
        return ffprobe;
    }

    /**
     * Runs {@code ffmpeg -version} and {@code ffprobe -version}.
     *
     * @throws FfmpegUnavailableException naming the fix when an executable does not start
     */
    public void verify() {
        String version = checkStarts(ffmpeg);
        checkStarts(ffprobe);
        LOG.info("ffmpeg ready: {}", version);
        if (!deathSignal.available()) {
            LOG.warn("setpriv (util-linux) is missing or does not work here: an ffmpeg this node started keeps "
                    + "running if the node is killed with SIGKILL, until the node starts again and stops it");
        }
    }

    /**
     * A process builder for {@code executable args...} with the environment the executables need,
     * behind the parent-death signal: start it from the thread that waits for it (see {@link ParentDeathSignal}).
     *
     * @throws IOException when {@code executable} is not an executable file (checked here: behind
     *                     {@code setpriv} a missing executable would otherwise look like an ffmpeg
     *                     that started and failed, i.e. like a bad input)
     */
    ProcessBuilder processBuilder(Path executable, List<String> args) throws IOException {
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            throw new IOException(executable + " is not an executable file");
        }
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(deathSignal.wrap(command));
        builder.environment().putAll(environment);
        return builder;
    }

    private String checkStarts(Path executable) {
        String output;
        int exitCode;
        try {
            Process process = processBuilder(executable, List.of("-hide_banner", "-version"))
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                CancelHandle.kill(process);
                throw new FfmpegUnavailableException(executable + " -version did not answer within " + VERSION_TIMEOUT);
            }
            output = new String(bytes, StandardCharsets.UTF_8);
            exitCode = process.exitValue();
        } catch (IOException e) {
            throw new FfmpegUnavailableException("Cannot start " + executable + ": " + e.getMessage()
                    + ". Configure the path of a working ffmpeg/ffprobe.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegUnavailableException("Interrupted while checking " + executable, e);
        }
        if (exitCode != 0) {
            throw new FfmpegUnavailableException(explainStartFailure(executable, output));
        }
        return output.lines().findFirst().orElse("").trim();
    }

    static String explainStartFailure(Path executable, String output) {
        String firstLine = output.lines().findFirst().orElse("").trim();
        if (output.contains("libpulse.so.0")) {
            return executable + " does not start: libpulse.so.0 is missing (" + firstLine + "). "
                    + "The bundled ffmpeg needs PulseAudio's client library: install Debian's libpulse0: "
                    + "apt-get install -y libpulse0, or configure a system ffmpeg with the ffmpeg and "
                    + "ffprobe path settings (e.g. /usr/bin/ffmpeg and /usr/bin/ffprobe from Debian's ffmpeg package).";
        }
        if (output.contains("error while loading shared libraries")) {
            return executable + " does not start: a shared library is missing (" + firstLine + "). "
                    + "Install the missing library, or configure a system ffmpeg with the ffmpeg and ffprobe path settings.";
        }
        return executable + " -version failed: " + firstLine;
    }

    private static Path findBundleFolder(File[] folders) throws IOException {
        if (folders != null) {
            for (File folder : folders) {
                if (new File(folder, "ffmpeg").isFile() && new File(folder, "ffprobe").isFile()) {
                    return folder.toPath();
                }
            }
        }
        throw new IOException("org.bytedeco:ffmpeg:linux-x86_64 is not on the class path (no " + BUNDLE_FOLDER + "ffmpeg)");
    }

    private static Path makeExecutable(Path file) throws IOException {
        if (!Files.isExecutable(file) && !file.toFile().setExecutable(true, false)) {
            throw new IOException("Cannot make " + file + " executable");
        }
        return file;
    }
}
