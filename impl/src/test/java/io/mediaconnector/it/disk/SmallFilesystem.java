package io.mediaconnector.it.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a chosen size mounted on a test's folder: a disk that really fills up, and grows
 * when the test frees space. Mounting needs root (.ci/run runs as root); when it cannot be
 * mounted the test fails, saying why: tests that use it are tagged {@code fulldisk}.
 */
public final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallFilesystem mount(Path mountPoint, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String result = run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=700", "tmpfs", mountPoint.toString());
        if (result != null) {
            throw new IllegalStateException("cannot mount a tmpfs on " + mountPoint
                    + " (this test needs root; .ci/run runs as root): " + result);
        }
        return new SmallFilesystem(mountPoint);
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** Frees space the way an operator would: the filesystem grows to {@code bytes}. */
    public void resize(long bytes) throws IOException, InterruptedException {
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
