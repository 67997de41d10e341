package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.BlobNames;
import io.mediaconnector.storage.InvalidBlobNameException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Where each name of the store lives on disk: containers, blob directories, staged blocks and
 * temp files under one root, every name checked by {@link BlobNames} and every resolved path
 * checked to stay under its base.
 *
 * <pre>
 * root/blobs/&lt;container&gt;/&lt;blob path&gt;#blob/                 one committed blob ({@link BlobDirectory})
 * root/staging/&lt;container&gt;/&lt;sha256(blob)&gt;/&lt;hex(block id)&gt;   uncommitted blocks
 * root/tmp/                                                 partial writes, trash; same file system
 * </pre>
 *
 * <p>Blob names may not contain '#', so a blob directory can never be taken for a name prefix
 * (blobs "a" and "a/b" may both exist). Block ids are hex-encoded in file names, never used as
 * paths themselves.
 */
final class StorePaths {
    private static final String BLOB_DIR_SUFFIX = "#blob";

    private final Path root;
    private final Path blobs;
    private final Path staging;
    private final Path tmp;

    StorePaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.blobs = this.root.resolve("blobs");
        this.staging = this.root.resolve("staging");
        this.tmp = this.root.resolve("tmp");
    }

    Path root() {
        return root;
    }

    Path blobs() {
        return blobs;
    }

    Path staging() {
        return staging;
    }

    Path tmp() {
        return tmp;
    }

    Path container(String container) {
        return inside(blobs, blobs.resolve(BlobNames.requireContainer(container)));
    }

    /** The blob's directory; '#' is not allowed in names, so it never collides with a prefix directory. */
    Path blobDirectory(String container, String blob) {
        Path dir = container(container);
        return inside(dir, dir.resolve(BlobNames.requireBlob(blob) + BLOB_DIR_SUFFIX));
    }

    /** The directory holding every blob whose name starts with {@code prefix + "/"}; the prefix may not be empty. */
    Path prefixDirectory(String container, String prefix) {
        String trimmed = BlobNames.requirePrefix(prefix);
        if (trimmed.isEmpty()) {
            throw new InvalidBlobNameException("a prefix to move must not be empty");
        }
        Path dir = container(container);
        return inside(dir, dir.resolve(BlobNames.requireBlob(trimmed)));
    }

    /** The blob name a directory under {@code containerDirectory} stands for, if it is a blob directory. */
    static Optional<String> blobNameOf(Path containerDirectory, Path directory) {
        String relative = containerDirectory.relativize(directory).toString()
                .replace(directory.getFileSystem().getSeparator(), "/");
        return relative.endsWith(BLOB_DIR_SUFFIX)
                ? Optional.of(relative.substring(0, relative.length() - BLOB_DIR_SUFFIX.length()))
                : Optional.empty();
    }

    Path stagingOfContainer(String container) {
        return inside(staging, staging.resolve(BlobNames.requireContainer(container)));
    }

    /** The staged blocks of one blob: a hash of its name, so that any name fits in one directory entry. */
    Path stagingOfBlob(String container, String blob) {
        BlobNames.requireBlob(blob);
        return inside(staging, stagingOfContainer(container).resolve(sha256Hex(blob)));
    }

    Path stagedBlock(String container, String blob, String blockId) {
        Path dir = stagingOfBlob(container, blob);
        String fileName = HexFormat.of().formatHex(BlobNames.requireBlockId(blockId).getBytes(StandardCharsets.US_ASCII));
        return inside(dir, dir.resolve(fileName));
    }

    /** The block id a staged block's file name encodes; {@link IllegalArgumentException} if it is not one. */
    static String blockIdOf(Path stagedBlock) {
        return new String(HexFormat.of().parseHex(stagedBlock.getFileName().toString()), StandardCharsets.US_ASCII);
    }

    /** A fresh name in {@code tmp/} for a tree that is renamed away first and deleted afterwards. */
    Path newTrash() {
        return tmp.resolve("trash-" + UUID.randomUUID());
    }

    /** Second line of defence behind {@link BlobNames}: the resolved path must stay under {@code base}. */
    private static Path inside(Path base, Path candidate) {
        Path normalized = candidate.normalize();
        if (!normalized.startsWith(base) || normalized.equals(base)) {
            throw new InvalidBlobNameException("name resolves outside its container");
        }
        return normalized;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
