package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.BlobItem;
import io.mediaconnector.storage.BlobNames;
import io.mediaconnector.storage.BlobNotFoundException;
import io.mediaconnector.storage.BlobProperties;
import io.mediaconnector.storage.BlobRead;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.BlockList;
import io.mediaconnector.storage.BlockReference;
import io.mediaconnector.storage.ByteRange;
import io.mediaconnector.storage.CommitOptions;
import io.mediaconnector.storage.ContentTooLargeException;
import io.mediaconnector.storage.DiskSpace;
import io.mediaconnector.storage.InvalidBlobNameException;
import io.mediaconnector.storage.InvalidBlockListException;
import io.mediaconnector.storage.InvalidRangeException;
import io.mediaconnector.storage.StagedBlock;
import io.mediaconnector.storage.StorageFullException;
import io.mediaconnector.storage.WriteOptions;
import io.mediaconnector.support.FileTrees;
import io.mediaconnector.support.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * {@link BlobStore} on a local directory: a committed blob is a directory of immutable block files
 * and a manifest that lists them ({@link BlobDirectory}); committing a block list never copies
 * data. Where things live is {@link StorePaths}; how bodies are received is {@link TempFileWriter};
 * how reads cross block files is {@link SegmentedInputStream}.
 *
 * <p>Put Blob streams the body once into {@code tmp/} and renames it into the blob's directory as
 * a one-block blob. Put Block List hard-links the chosen staged block files into the blob's
 * directory; committed blocks referenced again are reused as they are. Either way the new
 * manifest's rename is the commit point, and everything is fsynced before a write returns. Writes
 * to one blob are serialized by a striped lock; reads take none.
 *
 * <p>The ETag is random per write and kept in the manifest. A blob's MD5 is known for Put Blob
 * (computed while streaming); for a block list it is the client's {@code x-ms-blob-content-md5}
 * if given, else absent (as in Azure).
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final int LOCK_STRIPES = 64;
    private static final int MAX_BLOCKS_PER_BLOB = 50_000;
    /** How often a read retries when the blob was replaced between reading its manifest and opening its blocks. */
    private static final int REPLACED_WHILE_OPENING_RETRIES = 3;

    private final StorePaths paths;
    private final Clock clock;
    private final DiskSpace disk;
    private final Runnable beforeManifestSwap;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    /** Threads that hash and flush upload bodies beside the threads writing them; idle ones end after a minute. */
    private final ExecutorService helpers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "blob-io");
        thread.setDaemon(true);
        return thread;
    });
    private final TempFileWriter writer;

    /** @param disk the free space uploads leave to others: below its reserve, uploads are refused up front */
    public FileSystemBlobStore(Path root, Clock clock, DiskSpace disk) throws IOException {
        this(root, clock, disk, () -> { });
    }

    /** @param beforeManifestSwap runs just before a new manifest is renamed into place: where a test simulates a crash */
    FileSystemBlobStore(Path root, Clock clock, DiskSpace disk, Runnable beforeManifestSwap) throws IOException {
        this.paths = new StorePaths(root);
        this.clock = clock;
        this.disk = disk;
        this.beforeManifestSwap = beforeManifestSwap;
        this.writer = new TempFileWriter(paths.tmp(), helpers);
        Files.createDirectories(paths.blobs());
        Files.createDirectories(paths.staging());
        Files.createDirectories(paths.tmp());
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        clearLeftoverTempFiles();
    }

    @Override
    public BlobProperties putBlob(String container, String blob, InputStream content, WriteOptions options)
            throws IOException {
        BlobDirectory directory = directory(container, blob);
        requireRoomFor(options);
        return putBlob(container, blob, directory, content, options, true);
    }

    /**
     * With {@code durable} false nothing is fsynced here: {@link #moveDirectory} writes a whole
     * tree first and then makes it durable in one sweep, which costs a few journal commits instead
     * of several per file.
     */
    private BlobProperties putBlob(String container, String blob, BlobDirectory directory, InputStream content,
                                   WriteOptions options, boolean durable) throws IOException {
        TempFileWriter.Written written = writer.write(content, options, durable, true);
        try {
            return installOnlyBlock(container, blob, directory, written.file(), written.length(), written.md5(),
                    options.contentType(), durable);
        } finally {
            Files.deleteIfExists(written.file());
        }
    }

    /** Makes {@code file}, complete, the blob's only block, under the blob's lock. */
    private BlobProperties installOnlyBlock(String container, String blob, BlobDirectory directory, Path file,
                                            long length, Optional<byte[]> md5, String contentType, boolean durable)
            throws IOException {
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            DurableFiles.ensureDirectory(directory.path(), durable);
            String block = directory.moveIn(file);
            BlobManifest manifest = BlobManifest.newVersion(clock, md5, contentType,
                    List.of(new BlobManifest.Segment(BlobManifest.NO_ID, length, block)));
            directory.publish(manifest, List.of(block), durable);
            return manifest.properties();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StagedBlock stageBlock(String container, String blob, String blockId, InputStream content,
                                  WriteOptions options) throws IOException {
        Path target = paths.stagedBlock(container, blob, blockId);
        requireRoomFor(options);
        // Azure (2019-02-02 on) hashes a block only to check and echo a Content-MD5 the client sent.
        TempFileWriter.Written written = writer.write(content, options, true, false);
        try {
            DurableFiles.ensureDirectory(target.getParent(), true);
            DurableFiles.moveAtomically(written.file(), target);
            DurableFiles.force(target.getParent());
            return new StagedBlock(written.length(), written.md5());
        } finally {
            Files.deleteIfExists(written.file());
        }
    }

    @Override
    public BlobProperties commitBlockList(String container, String blob, List<BlockReference> blocks,
                                          CommitOptions options) throws IOException {
        BlobDirectory directory = directory(container, blob);
        if (blocks.size() > MAX_BLOCKS_PER_BLOB) {
            throw new InvalidBlockListException("more than " + MAX_BLOCKS_PER_BLOB + " blocks");
        }
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            BlockListCommit commit = BlockListCommit.resolve(directory,
                    id -> paths.stagedBlock(container, blob, id), blocks);
            DurableFiles.ensureDirectory(directory.path(), true);
            List<String> added = new ArrayList<>();
            boolean published = false;
            try {
                List<BlobManifest.Segment> segments = commit.link(added);
                long total = segments.stream().mapToLong(BlobManifest.Segment::length).sum();
                if (total > options.maxBytes()) {
                    throw new ContentTooLargeException("committed blob would be " + total
                            + " bytes, over the limit of " + options.maxBytes());
                }
                BlobManifest manifest = BlobManifest.newVersion(clock, options.contentMd5(), options.contentType(),
                        segments);
                directory.publish(manifest, added, true);
                published = true;
                FileTrees.delete(paths.stagingOfBlob(container, blob));
                return manifest.properties();
            } finally {
                if (!published) {
                    directory.removeAdded(added);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BlockList getBlockList(String container, String blob) throws IOException {
        List<BlockList.Block> committed = new ArrayList<>();
        directory(container, blob).manifest().ifPresent(m -> m.segments().stream().filter(BlobManifest.Segment::hasBlockId)
                .forEach(s -> committed.add(new BlockList.Block(s.blockId(), s.length()))));
        List<BlockList.Block> uncommitted = new ArrayList<>();
        Path staging = paths.stagingOfBlob(container, blob);
        if (Files.isDirectory(staging)) {
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    try {
                        uncommitted.add(new BlockList.Block(StorePaths.blockIdOf(file), Files.size(file)));
                    } catch (NoSuchFileException | IllegalArgumentException e) {
                        // committed or discarded meanwhile, or not a block file
                    }
                }
            }
        }
        return new BlockList(committed, uncommitted);
    }

    @Override
    public Optional<BlobProperties> getProperties(String container, String blob) throws IOException {
        return directory(container, blob).manifest().map(BlobManifest::properties);
    }

    @Override
    public BlobRead openForRead(String container, String blob, Optional<ByteRange> range) throws IOException {
        BlobDirectory directory = directory(container, blob);
        for (int attempt = 0; ; attempt++) {
            BlobManifest manifest = directory.manifest()
                    .orElseThrow(() -> new BlobNotFoundException("blob not found: " + container + "/" + blob));
            long size = manifest.length();
            long first = range.map(ByteRange::first).orElse(0L);
            if (range.isPresent() && first >= size) {
                throw new InvalidRangeException("range starts at " + first + " but the blob has " + size + " bytes");
            }
            long last = range.flatMap(r -> r.last().isPresent() ? Optional.of(r.last().getAsLong()) : Optional.empty())
                    .map(l -> Math.min(l, size - 1)).orElse(size - 1);
            long length = Math.max(0, last - first + 1);
            try {
                return new BlobRead(manifest.properties(), first, length,
                        SegmentedInputStream.open(directory.path(), manifest, first, length));
            } catch (NoSuchFileException e) {
                if (attempt >= REPLACED_WHILE_OPENING_RETRIES) {
                    throw e;
                }
                // replaced between reading the manifest and opening its blocks: read the new one
            }
        }
    }

    @Override
    public List<BlobItem> listBlobs(String container, String prefix) throws IOException {
        Path dir = paths.container(container);
        BlobNames.requirePrefix(prefix);
        List<BlobItem> items = new ArrayList<>();
        for (String name : BlobTreeListing.names(dir, prefix)) {
            getProperties(container, name).ifPresent(p -> items.add(new BlobItem(name, p)));
        }
        return items;
    }

    @Override
    public boolean deleteBlob(String container, String blob) throws IOException {
        BlobDirectory directory = directory(container, blob);
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            FileTrees.delete(paths.stagingOfBlob(container, blob));
            if (!Files.isDirectory(directory.path(), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            boolean existed = directory.hasManifest();
            // Renamed away first so the blob disappears at once, then removed at leisure.
            Path trash = paths.newTrash();
            DurableFiles.moveAtomically(directory.path(), trash);
            DurableFiles.force(directory.path().getParent());
            FileTrees.delete(trash);
            return existed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteContainer(String container) throws IOException {
        for (Path tree : List.of(paths.container(container), paths.stagingOfContainer(container))) {
            if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
                // Renamed away first so the container disappears at once, then removed at leisure.
                Path trash = paths.newTrash();
                DurableFiles.moveAtomically(tree, trash);
                FileTrees.delete(trash);
            }
        }
    }

    /**
     * Encoder outputs live on the store's file system, so storing them is a rename per file that
     * moves no bytes, and one parallel sweep of fsyncs at the end makes the tree durable; a file
     * elsewhere is copied in and then deleted.
     */
    @Override
    public void moveDirectory(Path sourceDirectory, String container, String prefix) throws IOException {
        String base = BlobNames.requirePrefix(prefix);
        Path source = sourceDirectory.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        boolean sameFileSystem = Files.getFileStore(source).equals(Files.getFileStore(paths.tmp()));
        for (Path file : files) {
            String relative = source.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            adopt(container, base.isEmpty() ? relative : base + "/" + relative, file, sameFileSystem);
        }
        if (!files.isEmpty()) {
            Path tree = paths.prefixDirectory(container, base);
            DurableFiles.syncTree(tree, helpers);
            for (Path parent = tree.getParent(); parent.startsWith(paths.blobs()); parent = parent.getParent()) {
                DurableFiles.force(parent); // directories new since the tree's first blob
            }
        }
    }

    /** Makes {@code file} the blob's one block, not yet durable: {@link #moveDirectory} syncs the tree. */
    private void adopt(String container, String blob, Path file, boolean sameFileSystem) throws IOException {
        String contentType = MediaTypes.of(blob);
        if (sameFileSystem) {
            installOnlyBlock(container, blob, directory(container, blob), file, Files.size(file), Optional.empty(),
                    contentType, false);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            putBlob(container, blob, directory(container, blob), in,
                    WriteOptions.limitedTo(Long.MAX_VALUE).withContentType(contentType), false);
        }
        Files.delete(file);
    }

    /** One rename publishes the whole directory tree of blob directories at once. */
    @Override
    public void movePrefix(String container, String fromPrefix, String toPrefix) throws IOException {
        Path from = paths.prefixDirectory(container, fromPrefix);
        Path to = paths.prefixDirectory(container, toPrefix);
        if (from.equals(to) || to.startsWith(from) || from.startsWith(to)) {
            throw new InvalidBlobNameException("prefixes must not contain each other: " + fromPrefix + " → " + toPrefix);
        }
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new BlobNotFoundException("nothing under prefix " + container + "/" + fromPrefix);
        }
        DurableFiles.ensureDirectory(to.getParent(), true);
        Path trash = null;
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            trash = paths.newTrash();
            DurableFiles.moveAtomically(to, trash);
        }
        DurableFiles.moveAtomically(from, to);
        DurableFiles.force(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            DurableFiles.force(from.getParent());
        }
        if (trash != null) {
            FileTrees.delete(trash);
        }
    }

    /**
     * Refuses an upload up front while free space is below the reserve (or would be with its
     * announced length), so the database and encodes in progress keep room to finish. Without a
     * length (chunked) only the reserve itself is checked; a disk that fills up while writing
     * fails the write with the file system's own error.
     */
    private void requireRoomFor(WriteOptions options) {
        if (disk.isLow(options.expectedLength().orElse(0))) {
            throw new StorageFullException("free space is below the reserve of " + disk.reserveBytes() + " bytes");
        }
    }

    private BlobDirectory directory(String container, String blob) {
        return new BlobDirectory(paths.blobDirectory(container, blob), beforeManifestSwap);
    }

    private ReentrantLock lockFor(String container, String blob) {
        return locks[Math.floorMod((container + "/" + blob).hashCode(), LOCK_STRIPES)];
    }

    /** Partial writes and trash of a run that was killed: nothing in {@code tmp/} was ever acknowledged. */
    private void clearLeftoverTempFiles() throws IOException {
        try (Stream<Path> leftovers = Files.list(paths.tmp())) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                FileTrees.delete(p);
            }
        }
    }
}
