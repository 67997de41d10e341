package io.mediaconnector.processing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tmpfs of a chosen size mounted on a test's folder: a disk that really fills up. Mounting
 * needs root (CI and the development machines run the tests as root). Where it cannot be
 * mounted the test is skipped, except in the full profile ({@code -Pfull}), where that fails.
 */
final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static SmallFilesystem mount(Path mountPoint, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String result = run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=700", "tmpfs", mountPoint.toString());
        if (result != null) {
            String why = "cannot mount a tmpfs on " + mountPoint + " (needs root): " + result;
            if (Boolean.getBoolean("media-connector.tests.full")) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return new SmallFilesystem(mountPoint);
    }

    Path mountPoint() {
        return mountPoint;
    }

    /** Frees space the way an operator would: the filesystem grows to {@code bytes}. */
    void resize(long bytes) throws IOException, InterruptedException {
        String result = run("mount", "-o", "remount,size=" + bytes, mountPoint.toString());
        if (result != null) {
            throw new IllegalStateException("cannot resize the tmpfs on " + mountPoint + ": " + result);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "--lazy", mountPoint.toString());
    }

    /** Null when the command succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out";
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}
