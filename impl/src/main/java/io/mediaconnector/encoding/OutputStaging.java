package io.mediaconnector.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Writes each output set into {@code <output>/.staging/<name>-<random>} and moves it to
 * {@code <output>/<name>} in one atomic rename once it is complete, so a folder under its final
 * name is always whole. A crash leaves at most a folder under {@code .staging}, which the next
 * run of the same output directory removes.
 */
final class OutputStaging {

    private final Path outputDir;
    private final Path stagingRoot;

    OutputStaging(Path outputDir) {
        this.outputDir = outputDir;
        this.stagingRoot = outputDir.resolve(EncodingLayout.STAGING_DIR);
    }

    /** Creates the output directory and removes what an interrupted earlier run left in staging. */
    void prepare() {
        try {
            Files.createDirectories(outputDir);
            deleteRecursively(stagingRoot);
            Files.createDirectories(stagingRoot);
        } catch (IOException e) {
            throw new EncodingException("Cannot prepare the output directory " + outputDir, e);
        }
    }

    Path begin(String name) {
        try {
            return Files.createTempDirectory(stagingRoot, name + "-");
        } catch (IOException e) {
            throw new EncodingException("Cannot create a working directory under " + stagingRoot, e);
        }
    }

    /**
     * Moves a complete staging folder to {@code <output>/<name>}. An existing folder of that name
     * (from an earlier run) is replaced.
     */
    Path publish(Path staged, String name) {
        Path target = outputDir.resolve(name);
        try {
            removeEarlier(target, name);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (AtomicMoveNotSupportedException e) {
            throw new EncodingException("The output directory " + outputDir + " does not support atomic renames", e);
        } catch (IOException e) {
            throw new EncodingException("Cannot move the finished " + name + " output into place", e);
        }
    }

    /** Removes {@code <output>/<name>} if an earlier run left it: first renamed into staging, then deleted. */
    void remove(String name) {
        try {
            removeEarlier(outputDir.resolve(name), name);
        } catch (IOException e) {
            throw new EncodingException("Cannot remove the earlier " + name + " output", e);
        }
    }

    void discard(Path staged) {
        try {
            deleteRecursively(staged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the staging folder once the run is over. */
    void finish() {
        try {
            deleteRecursively(stagingRoot);
        } catch (IOException e) {
            throw new EncodingException("Cannot clean up " + stagingRoot, e);
        }
    }

    /**
     * Writes the files of a finished staging folder through to disk now, while other steps still
     * run, so publishing them later does not wait for the disk. (Whoever publishes still makes
     * them durable; this only moves the waiting earlier.)
     */
    void flush(Path staged) {
        try (Stream<Path> files = Files.walk(staged)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.force(false);
                }
            }
        } catch (IOException e) {
            throw new EncodingException("Cannot write " + staged.getFileName() + " to disk", e);
        }
    }

    /** Renames an earlier run's {@code target} into staging in one step, then deletes it there. */
    private void removeEarlier(Path target, String name) throws IOException {
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(stagingRoot, name + "-old-");
            Files.move(target, old.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(old);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
