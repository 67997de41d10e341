package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.InvalidBlockListException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One blob's directory: its immutable block files and the {@link BlobManifest} that lists them,
 * whose atomic replacement is the single commit point of a write. Readers see the old or the new
 * complete blob; a write that fails before the manifest is replaced removes what it added and
 * leaves the old blob as it was. Callers hold the blob's lock.
 */
final class BlobDirectory {
    private static final String MANIFEST_TEMP_PREFIX = "manifest.tmp-";

    private final Path path;
    private final Runnable beforeManifestSwap;

    /** @param beforeManifestSwap runs when the new manifest is durable in its temp file, just before the rename (a test's crash point) */
    BlobDirectory(Path path, Runnable beforeManifestSwap) {
        this.path = path;
        this.beforeManifestSwap = beforeManifestSwap;
    }

    Path path() {
        return path;
    }

    Optional<BlobManifest> manifest() throws IOException {
        return BlobManifest.read(path);
    }

    boolean hasManifest() {
        return Files.isRegularFile(path.resolve(BlobManifest.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }

    /** A fresh block file name; block files are never overwritten, so a reader's open file stays what it was. */
    static String newBlockFileName() {
        return BlobManifest.BLOCK_FILE_PREFIX + UUID.randomUUID() + BlobManifest.BLOCK_FILE_SUFFIX;
    }

    /** Moves a complete temp file in as a new block file; returns its name. */
    String moveIn(Path file) throws IOException {
        String name = newBlockFileName();
        DurableFiles.moveAtomically(file, path.resolve(name));
        return name;
    }

    /**
     * Links a staged block in as a new block file without copying it; the staged one stays until
     * the commit succeeded. On a file system without hard links the block leaves staging instead.
     */
    String linkIn(Path staged, String blockId) throws IOException {
        String name = newBlockFileName();
        Path link = path.resolve(name);
        try {
            Files.createLink(link, staged);
        } catch (NoSuchFileException e) {
            throw new InvalidBlockListException("block " + blockId + " is no longer staged");
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (!Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidBlockListException("block " + blockId + " is no longer staged");
            }
            DurableFiles.moveAtomically(staged, link);
        }
        return name;
    }

    long sizeOf(String blockFile) throws IOException {
        return Files.size(path.resolve(blockFile));
    }

    /**
     * Makes {@code manifest} the blob's content: temp file, fsync, atomic rename, directory fsync
     * (with {@code durable}; without, a later sweep makes the tree durable). If that fails before
     * the rename, the block files in {@code added} are removed again. After it, block files the new
     * manifest does not reference are deleted: old blocks, and leftovers of a crash before an
     * earlier rename.
     */
    void publish(BlobManifest manifest, List<String> added, boolean durable) throws IOException {
        Path temp = path.resolve(MANIFEST_TEMP_PREFIX + UUID.randomUUID());
        boolean swapped = false;
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(manifest.serialize());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                if (durable) {
                    out.force(true);
                }
            }
            beforeManifestSwap.run();
            DurableFiles.moveAtomically(temp, path.resolve(BlobManifest.FILE_NAME));
            swapped = true;
        } finally {
            if (!swapped) {
                Files.deleteIfExists(temp);
                removeAdded(added);
            }
        }
        if (durable) {
            DurableFiles.force(path); // the new block names and the manifest rename, in one go
        }
        Set<String> keep = new HashSet<>();
        keep.add(BlobManifest.FILE_NAME);
        manifest.segments().forEach(s -> keep.add(s.file()));
        try (Stream<Path> files = Files.list(path)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!keep.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Removes block files a write added before it failed. */
    void removeAdded(List<String> added) throws IOException {
        for (String name : added) {
            Files.deleteIfExists(path.resolve(name));
        }
    }
}
