package io.mediaconnector.storage.filesystem;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the names of the committed blobs in a container directory that start with a prefix,
 * descending only into directories that can hold such names.
 */
final class BlobTreeListing {
    private BlobTreeListing() {
    }

    /** Sorted names of committed blobs under {@code containerDirectory} starting with {@code prefix}. */
    static List<String> names(Path containerDirectory, String prefix) throws IOException {
        if (!Files.isDirectory(containerDirectory)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            Files.walkFileTree(containerDirectory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (d.equals(containerDirectory)) {
                        return FileVisitResult.CONTINUE;
                    }
                    var blob = StorePaths.blobNameOf(containerDirectory, d);
                    if (blob.isPresent()) {
                        if (blob.get().startsWith(prefix)
                                && Files.isRegularFile(d.resolve(BlobManifest.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                            names.add(blob.get());
                        }
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String asPrefix = containerDirectory.relativize(d).toString()
                            .replace(d.getFileSystem().getSeparator(), "/") + "/";
                    return asPrefix.startsWith(prefix) || prefix.startsWith(asPrefix)
                            ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted or moved meanwhile
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            return List.of();
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }
}
