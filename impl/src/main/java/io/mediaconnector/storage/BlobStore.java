package io.mediaconnector.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where video bytes live: original uploads and published renditions. The seam a backend
 * implements (today {@code storage.filesystem}); {@code BlobStoreContract} in the tests is every
 * promise below, run against each backend.
 *
 * <p>One container per video ({@code asset-<uuid>}), blobs named by '/'-separated paths in a flat
 * namespace (a blob "a" and a blob "a/b" may both exist). Every name is checked by
 * {@link BlobNames}; a bad one is refused with {@link InvalidBlobNameException} before anything
 * is touched. Writes are all-or-nothing and durable when they return: a failed, aborted or
 * mismatching write leaves no trace. Bodies are streamed, never buffered whole.
 *
 * <p>Block operations follow Azure block blob semantics (stage, then commit a list of
 * Latest/Committed/Uncommitted references), so an Azure-backed implementation can map them 1:1.
 * Block ids are opaque strings to the store. Domain failures are unchecked
 * {@link BlobStoreException}s; I/O failures are {@link IOException}.
 */
public interface BlobStore {

    /**
     * Stores a whole blob from {@code content}, replacing any previous one, after every check of
     * {@code options} passed. Its MD5 is computed while it streams.
     */
    BlobProperties putBlob(String container, String blob, InputStream content, WriteOptions options)
            throws IOException;

    /**
     * Stages one uncommitted block of {@code blob}. Re-sending the same block id replaces the staged
     * block, so a retried request is harmless. Returns the staged size and the block's MD5.
     */
    StagedBlock stageBlock(String container, String blob, String blockId, InputStream content, WriteOptions options)
            throws IOException;

    /**
     * Makes {@code blocks}, in order, the content of {@code blob}; staged blocks not listed are
     * discarded. Throws {@link InvalidBlockListException} if a reference cannot be resolved.
     */
    BlobProperties commitBlockList(String container, String blob, List<BlockReference> blocks, CommitOptions options)
            throws IOException;

    /** The committed blocks (of the current blob) and the staged, uncommitted ones. */
    BlockList getBlockList(String container, String blob) throws IOException;

    Optional<BlobProperties> getProperties(String container, String blob) throws IOException;

    /**
     * Opens {@code blob} for reading, the whole of it or {@code range} clipped to its length.
     * Throws {@link BlobNotFoundException} if absent, {@link InvalidRangeException} if the range
     * starts at or past the end.
     */
    BlobRead openForRead(String container, String blob, Optional<ByteRange> range) throws IOException;

    /** Committed blobs whose name starts with {@code prefix} ("" for all), sorted by name. */
    List<BlobItem> listBlobs(String container, String prefix) throws IOException;

    /** Deletes the blob and its staged blocks; returns whether a committed blob existed. */
    boolean deleteBlob(String container, String blob) throws IOException;

    /** Deletes the container with every blob and staged block in it; absent is fine. */
    void deleteContainer(String container) throws IOException;

    /**
     * Stores every regular file under the local directory {@code sourceDirectory} as a blob named
     * {@code prefix/<relative path>}, with the media type its name implies and no MD5; the files
     * are gone from {@code sourceDirectory} afterwards (an encoder's output, handed over). The blobs
     * are durable when this returns.
     */
    void moveDirectory(Path sourceDirectory, String container, String prefix) throws IOException;

    /**
     * Renames every blob under {@code fromPrefix/} to {@code toPrefix/}, replacing what was there;
     * {@link BlobNotFoundException} if there is nothing under {@code fromPrefix/}. Readers see
     * either the old set or the new set, never a mix (a short window where the prefix is empty is
     * possible). Typical use: write renditions under a temporary prefix, then publish.
     */
    void movePrefix(String container, String fromPrefix, String toPrefix) throws IOException;
}
