package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.BlobStoreException;
import io.mediaconnector.support.Futures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The file operations whose effect must survive a power cut: fsync of a file or of a directory
 * (which makes its entries durable), atomic renames, creating directories durably, and making a
 * whole tree durable in one parallel sweep.
 */
final class DurableFiles {
    /** fsyncs run at once when a published tree is made durable. */
    private static final int SYNC_LANES = 8;

    private DurableFiles() {
    }

    /** fsync of a file or (Linux) a directory, which makes its renames, links and creations durable. */
    static void force(Path entry) throws IOException {
        try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Renames {@code source} to {@code target} in one step, replacing a file (or empty directory) there. */
    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's directories must be on one file system", e);
        } catch (DirectoryNotEmptyException e) {
            throw new BlobStoreException("blobs exist under " + target.getFileName() + "/");
        }
    }

    /**
     * Creates {@code dir} if needed. With {@code durable}, every directory it had to create is made
     * durable in its parent; without, they are left for a later {@link #syncTree} to make durable.
     */
    static void ensureDirectory(Path dir, boolean durable) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path existing = dir.getParent();
        while (existing != null && !Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new BlobStoreException("something is in the way of " + dir.getFileName());
        }
        for (Path p = dir.getParent(); durable && p != null; p = p.getParent()) {
            force(p);
            if (p.equals(existing)) {
                break;
            }
        }
    }

    /**
     * Makes everything under {@code root} durable: each file, then each directory. Side by side the
     * fsyncs share journal commits; one after another, each would wait for its own.
     */
    static void syncTree(Path root, Executor executor) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(entry -> (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? directories : files).add(entry));
        }
        forceInParallel(files, executor);
        forceInParallel(directories, executor);
    }

    private static void forceInParallel(List<Path> entries, Executor executor) throws IOException {
        int lanes = Math.min(SYNC_LANES, entries.size());
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int first = lane;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = first; i < entries.size(); i += lanes) {
                    try {
                        force(entries.get(i));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, executor));
        }
        for (CompletableFuture<Void> lane : running) {
            Futures.await(lane, "making outputs durable");
        }
    }
}
