package io.mediaconnector.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * {@link BlobStore} on a local directory. A committed blob is a directory holding its immutable
 * block files and a manifest that lists them in order; committing a block list never copies data.
 *
 * <pre>
 * root/blobs/&lt;container&gt;/&lt;blob path&gt;#blob/manifest          ordered block files, sizes, ids, MD5, type, ETag
 * root/blobs/&lt;container&gt;/&lt;blob path&gt;#blob/b-&lt;uuid&gt;.blk      immutable block files (fsynced before use)
 * root/staging/&lt;container&gt;/&lt;sha256(blob)&gt;/&lt;hex(block id)&gt;   uncommitted blocks
 * root/tmp/                                                 partial writes, trash; same file system
 * </pre>
 *
 * <p>Put Blob streams the body once (read → MD5 → write, one fsync) into {@code tmp/} and renames
 * it into the blob's directory as a one-block blob. Put Block List hard-links the chosen staged
 * block files into the blob's directory (a rename if the file system has no hard links); committed
 * blocks referenced again are reused as they are. Either way the new manifest is written to a temp
 * file, fsynced and renamed over {@code manifest} ({@code ATOMIC_MOVE}), then the directory is
 * fsynced; only then are block files no longer referenced deleted. The manifest rename is the
 * single commit point: readers see the old or the new complete blob, and a write that fails before
 * it removes what it added and leaves the old blob and the staged blocks as they were.
 *
 * <p>Blob names come from {@link BlobNames}, which forbids '#', so a blob directory can never be
 * taken for a name prefix (blobs "a" and "a/b" may both exist). Block ids are hex-encoded in the
 * staging file names and manifest, never used as paths. The ETag is random per write and kept in
 * the manifest. A blob's MD5 is known for Put Blob (computed while streaming); for a block list
 * it is the client's {@code x-ms-blob-content-md5} if given, else absent (as in Azure).
 *
 * <p>Reads open the manifest, then the block files of the requested range (up to
 * {@value #EAGER_OPEN_LIMIT} of them at once, the rest when the stream reaches them), so a read
 * that has started keeps its version even if the blob is replaced meanwhile; only a read spanning
 * more block files than that which outlives a replacement fails with an {@link IOException}.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final String BLOB_DIR_SUFFIX = "#blob";
    private static final String MANIFEST = "manifest";
    private static final String MANIFEST_TEMP_PREFIX = "manifest.tmp-";
    private static final String BLOCK_FILE_PREFIX = "b-";
    private static final String BLOCK_FILE_SUFFIX = ".blk";
    private static final String NO_ID = "-";
    /** One read/write step: large enough that syscalls and per-call overhead vanish, small enough per request. */
    private static final int BUFFER_SIZE = 1024 * 1024;
    private static final int READ_BUFFER_SIZE = 256 * 1024;
    /** How much of a durable write may wait in the page cache before a background flush starts. */
    private static final long FLUSH_EVERY = 32L * 1024 * 1024;
    /** fsyncs run at once when a published tree is made durable. */
    private static final int SYNC_LANES = 8;
    static final int EAGER_OPEN_LIMIT = 64;
    private static final int LOCK_STRIPES = 64;
    private static final int MAX_BLOCKS_PER_BLOB = 50_000;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "m3u8", "application/vnd.apple.mpegurl", "mpd", "application/dash+xml", "mp4", "video/mp4",
            "m4s", "video/mp4", "m4a", "audio/mp4", "ts", "video/mp2t", "jpg", "image/jpeg",
            "png", "image/png", "vtt", "text/vtt", "json", "application/json");

    private final Path root;
    private final Path blobsDir;
    private final Path stagingDir;
    private final Path tmpDir;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    /** Threads that hash and flush upload bodies beside the threads writing them; idle ones end after a minute. */
    private final ExecutorService helpers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "blob-io");
        thread.setDaemon(true);
        return thread;
    });
    /** Test hook: runs after the new manifest is durable in its temp file, just before it is renamed into place. */
    volatile Runnable beforeManifestSwap = () -> { };

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.blobsDir = this.root.resolve("blobs");
        this.stagingDir = this.root.resolve("staging");
        this.tmpDir = this.root.resolve("tmp");
        Files.createDirectories(blobsDir);
        Files.createDirectories(stagingDir);
        Files.createDirectories(tmpDir);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        clearLeftoverTempFiles();
    }

    @Override
    public BlobProperties putBlob(String container, String blob, InputStream content, WriteOptions options)
            throws IOException {
        return putBlob(container, blob, content, options, true);
    }

    /**
     * With {@code durable} false nothing is fsynced here: {@link #moveDirectory} writes a whole
     * tree first and then makes it durable in one sweep, which costs a few journal commits instead
     * of several per file.
     */
    private BlobProperties putBlob(String container, String blob, InputStream content, WriteOptions options,
                                   boolean durable) throws IOException {
        Written written = writeToTemp(content, options, durable, true);
        try {
            return installOnlyBlock(container, blob, written.file(), written.length(), written.md5(),
                    options.contentType(), durable);
        } finally {
            Files.deleteIfExists(written.file());
        }
    }

    /** Makes {@code file}, complete, the blob's only block, under the blob's lock. */
    private BlobProperties installOnlyBlock(String container, String blob, Path file, long length,
                                            Optional<byte[]> md5, String contentType, boolean durable)
            throws IOException {
        Path dir = blobDir(container, blob);
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            ensureDirectory(dir, durable);
            String blockName = newBlockFileName();
            Path block = dir.resolve(blockName);
            moveAtomically(file, block);
            Manifest manifest = new Manifest(newEtag(), System.currentTimeMillis(), md5, contentType,
                    List.of(new Segment(NO_ID, length, blockName)));
            publish(dir, manifest, List.of(block), durable);
            return manifest.properties();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StagedBlock stageBlock(String container, String blob, String blockId, InputStream content,
                                  WriteOptions options) throws IOException {
        Path target = stagedBlockPath(container, blob, blockId);
        // Azure (2019-02-02 on) hashes a block only to check and echo a Content-MD5 the client sent.
        Written written = writeToTemp(content, options, true, false);
        try {
            ensureDirectory(target.getParent());
            moveAtomically(written.file(), target);
            fsyncDirectory(target.getParent());
            return new StagedBlock(written.length(), written.md5());
        } finally {
            Files.deleteIfExists(written.file());
        }
    }

    @Override
    public BlobProperties commitBlockList(String container, String blob, List<BlockReference> blocks,
                                          CommitOptions options) throws IOException {
        Path dir = blobDir(container, blob);
        if (blocks.size() > MAX_BLOCKS_PER_BLOB) {
            throw new InvalidBlockListException("more than " + MAX_BLOCKS_PER_BLOB + " blocks");
        }
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            Map<String, Segment> committed = new HashMap<>();
            readManifest(dir).ifPresent(m -> m.segments().forEach(s -> {
                if (!s.blockId().equals(NO_ID)) {
                    committed.putIfAbsent(s.blockId(), s);
                }
            }));
            // Resolve every reference before touching anything.
            List<Object> chosen = new ArrayList<>(blocks.size()); // a staged Path or a committed Segment
            for (BlockReference ref : blocks) {
                BlobNames.requireBlockId(ref.blockId());
                Path staged = stagedBlockPath(container, blob, ref.blockId());
                boolean isStaged = ref.source() != BlockReference.BlockSource.COMMITTED
                        && Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS);
                Segment old = ref.source() == BlockReference.BlockSource.UNCOMMITTED ? null : committed.get(ref.blockId());
                if (isStaged) {
                    chosen.add(staged);
                } else if (old != null) {
                    chosen.add(old);
                } else {
                    throw new InvalidBlockListException("block " + ref.blockId() + " is not " + switch (ref.source()) {
                        case UNCOMMITTED -> "staged";
                        case COMMITTED -> "committed";
                        case LATEST -> "staged or committed";
                    });
                }
            }
            ensureDirectory(dir);
            List<Path> added = new ArrayList<>();
            Map<String, Segment> linked = new HashMap<>();
            boolean published = false;
            try {
                List<Segment> segments = new ArrayList<>(chosen.size());
                long total = 0;
                for (int i = 0; i < chosen.size(); i++) {
                    Segment segment;
                    if (chosen.get(i) instanceof Path staged) {
                        String id = blocks.get(i).blockId();
                        segment = linked.get(id);
                        if (segment == null) {
                            String file = newBlockFileName();
                            Path link = dir.resolve(file);
                            linkOrMove(staged, link, id);
                            added.add(link);
                            // Sized after linking: the linked inode is immutable, the staging name might be re-sent.
                            segment = new Segment(id, Files.size(link), file);
                            linked.put(id, segment);
                        }
                    } else {
                        segment = (Segment) chosen.get(i);
                    }
                    segments.add(segment);
                    total += segment.length();
                }
                if (total > options.maxBytes()) {
                    throw new ContentTooLargeException("committed blob would be " + total
                            + " bytes, over the limit of " + options.maxBytes());
                }
                Manifest manifest = new Manifest(newEtag(), System.currentTimeMillis(), options.contentMd5(),
                        options.contentType(), segments);
                publish(dir, manifest, added, true);
                published = true;
                deleteTree(stagingDirOf(container, blob));
                return manifest.properties();
            } finally {
                if (!published) {
                    for (Path p : added) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BlockList getBlockList(String container, String blob) throws IOException {
        Path dir = blobDir(container, blob);
        List<BlockList.Block> committed = new ArrayList<>();
        readManifest(dir).ifPresent(m -> m.segments().stream().filter(s -> !s.blockId().equals(NO_ID))
                .forEach(s -> committed.add(new BlockList.Block(s.blockId(), s.length()))));
        List<BlockList.Block> uncommitted = new ArrayList<>();
        Path staging = stagingDirOf(container, blob);
        if (Files.isDirectory(staging)) {
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    try {
                        String id = decodeBlockFileName(file.getFileName().toString());
                        uncommitted.add(new BlockList.Block(id, Files.size(file)));
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
        return readManifest(blobDir(container, blob)).map(Manifest::properties);
    }

    @Override
    public BlobRead openForRead(String container, String blob, Optional<ByteRange> range) throws IOException {
        Path dir = blobDir(container, blob);
        for (int attempt = 0; ; attempt++) {
            Manifest manifest = readManifest(dir)
                    .orElseThrow(() -> new BlobNotFoundException("blob not found: " + container + "/" + blob));
            long size = manifest.length();
            long first = range.map(ByteRange::first).orElse(0L);
            if (range.isPresent() && first >= size) {
                throw new InvalidRangeException("range starts at " + first + " but the blob has " + size + " bytes");
            }
            long last = range.flatMap(r -> r.last().isPresent() ? Optional.of(r.last().getAsLong()) : Optional.empty())
                    .map(l -> Math.min(l, size - 1)).orElse(size - 1);
            long length = Math.max(0, last - first + 1);
            List<Piece> pieces = new ArrayList<>();
            long offset = 0;
            for (Segment s : manifest.segments()) {
                long start = Math.max(first, offset);
                long end = Math.min(first + length, offset + s.length());
                if (start < end) {
                    pieces.add(new Piece(dir.resolve(s.file()), start - offset, end - start));
                }
                offset += s.length();
            }
            SegmentedInputStream in = new SegmentedInputStream(pieces);
            try {
                in.openEagerly(EAGER_OPEN_LIMIT);
            } catch (NoSuchFileException e) {
                in.close();
                if (attempt < 3) {
                    continue; // replaced between reading the manifest and opening its blocks: read the new one
                }
                throw e;
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            return new BlobRead(manifest.properties(), first, length, in);
        }
    }

    @Override
    public List<BlobItem> listBlobs(String container, String prefix) throws IOException {
        Path dir = containerPath(container);
        BlobNames.requirePrefix(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (d.equals(dir)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String relative = dir.relativize(d).toString().replace(d.getFileSystem().getSeparator(), "/");
                    if (relative.endsWith(BLOB_DIR_SUFFIX)) {
                        String name = relative.substring(0, relative.length() - BLOB_DIR_SUFFIX.length());
                        if (name.startsWith(prefix) && Files.isRegularFile(d.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                            names.add(name);
                        }
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String asPrefix = relative + "/";
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
        List<BlobItem> items = new ArrayList<>(names.size());
        for (String name : names) {
            getProperties(container, name).ifPresent(p -> items.add(new BlobItem(name, p)));
        }
        return items;
    }

    @Override
    public boolean deleteBlob(String container, String blob) throws IOException {
        Path dir = blobDir(container, blob);
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            deleteTree(stagingDirOf(container, blob));
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            boolean existed = Files.isRegularFile(dir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS);
            // Renamed away first so the blob disappears at once, then removed at leisure.
            Path trash = tmpDir.resolve("trash-" + UUID.randomUUID());
            moveAtomically(dir, trash);
            fsyncDirectory(dir.getParent());
            deleteTree(trash);
            return existed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteContainer(String container) throws IOException {
        Path dir = containerPath(container);
        Path staging = inside(stagingDir, stagingDir.resolve(container));
        for (Path tree : List.of(dir, staging)) {
            if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
                // Renamed away first so the container disappears at once, then removed at leisure.
                Path trash = tmpDir.resolve("trash-" + UUID.randomUUID());
                moveAtomically(tree, trash);
                deleteTree(trash);
            }
        }
    }

    @Override
    public void moveDirectory(Path sourceDirectory, String container, String prefix) throws IOException {
        String base = BlobNames.requirePrefix(prefix);
        Path source = sourceDirectory.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        boolean sameFileSystem = Files.getFileStore(source).equals(Files.getFileStore(tmpDir));
        for (Path file : files) {
            String relative = source.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            adopt(container, base.isEmpty() ? relative : base + "/" + relative, file, sameFileSystem);
        }
        if (!files.isEmpty()) {
            Path tree = prefixPath(container, base);
            syncTree(tree);
            for (Path parent = tree.getParent(); parent.startsWith(blobsDir); parent = parent.getParent()) {
                fsyncDirectory(parent); // directories new since the tree's first blob
            }
        }
    }

    /**
     * Makes {@code file} the blob's one block. Encoder outputs live on the store's file system,
     * so publishing them is a rename that moves no bytes (the sweep that follows makes them
     * durable); a file elsewhere is copied in and then deleted.
     */
    private void adopt(String container, String blob, Path file, boolean sameFileSystem) throws IOException {
        String contentType = guessType(blob);
        if (sameFileSystem) {
            installOnlyBlock(container, blob, file, Files.size(file), Optional.empty(), contentType, false);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            putBlob(container, blob, in, WriteOptions.limitedTo(Long.MAX_VALUE).withContentType(contentType), false);
        }
        Files.delete(file);
    }

    /** Makes everything under {@code root} durable: each file, then each directory, deepest first. */
    private void syncTree(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(entry -> (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? directories : files).add(entry));
        }
        // Side by side, the fsyncs share journal commits; one after another, each waits for its own.
        forceInParallel(files);
        forceInParallel(directories);
    }

    private void forceInParallel(List<Path> entries) throws IOException {
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
            }, helpers));
        }
        for (CompletableFuture<Void> lane : running) {
            HelperWork.await(lane, "making outputs durable");
        }
    }

    /** fsync of a file or (Linux) a directory, which makes its entries durable. */
    private static void force(Path entry) throws IOException {
        try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public void movePrefix(String container, String fromPrefix, String toPrefix) throws IOException {
        Path from = prefixPath(container, fromPrefix);
        Path to = prefixPath(container, toPrefix);
        if (from.equals(to) || to.startsWith(from) || from.startsWith(to)) {
            throw new InvalidBlobNameException("prefixes must not contain each other: " + fromPrefix + " → " + toPrefix);
        }
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new BlobNotFoundException("nothing under prefix " + container + "/" + fromPrefix);
        }
        ensureDirectory(to.getParent());
        Path trash = null;
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            trash = tmpDir.resolve("trash-" + UUID.randomUUID());
            moveAtomically(to, trash);
        }
        // One rename publishes the whole directory tree of blob directories at once.
        moveAtomically(from, to);
        fsyncDirectory(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            fsyncDirectory(from.getParent());
        }
        if (trash != null) {
            deleteTree(trash);
        }
    }

    // ---- writing -------------------------------------------------------------------------

    private record Written(Path file, long length, Optional<byte[]> md5) {
    }

    /**
     * Streams {@code content} into a fresh temp file in one pass: each buffer is filled completely
     * (the HTTP layer hands out a few KiB per read) and written with one write call while the
     * previous one is hashed on another thread ({@link BackgroundMd5}); two 1 MiB heap buffers
     * per upload. With {@code hash} false (a Put Block that sent no MD5) nothing is hashed. A
     * durable write is flushed in the background as it grows ({@link EarlyFlush}). The checks run
     * when the body is complete; then one fsync, before anything is renamed into place or
     * acknowledged.
     */
    private Written writeToTemp(InputStream content, WriteOptions options, boolean durable, boolean hash)
            throws IOException {
        Path temp = Files.createTempFile(tmpDir, "put-", ".part");
        boolean kept = false;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            EarlyFlush flush = new EarlyFlush(out, helpers, durable ? FLUSH_EVERY : Long.MAX_VALUE);
            try {
                Streamed body = stream(content, options, hash, out, flush);
                if (durable) {
                    out.force(true);
                }
                kept = true;
                return new Written(temp, body.length(), body.md5());
            } finally {
                flush.awaitRunning();
            }
        } finally {
            if (!kept) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private record Streamed(long length, Optional<byte[]> md5) {
    }

    /** The body into {@code out}, with its length and MD5 checked against what the request declared. */
    private Streamed stream(InputStream content, WriteOptions options, boolean hash, FileChannel out,
                           EarlyFlush flush) throws IOException {
        BackgroundMd5 md5 = hash || options.expectedMd5().isPresent() ? new BackgroundMd5(helpers) : null;
        byte[][] buffers = {new byte[BUFFER_SIZE], new byte[BUFFER_SIZE]};
        List<CompletableFuture<Void>> hashed = new ArrayList<>(List.of(DONE, DONE));
        long total = 0;
        for (int slot = 0; ; slot ^= 1) {
            byte[] buffer = buffers[slot];
            HelperWork.await(hashed.get(slot), "hashing the body"); // then the buffer is free again
            int filled = fill(content, buffer);
            if (filled == 0) {
                break;
            }
            total += filled;
            checkLimit(total, options);
            if (md5 != null) {
                hashed.set(slot, md5.update(buffer, filled));
            }
            writeFully(out, buffer, filled);
            flush.wrote(filled);
            if (filled < buffer.length) {
                break;
            }
        }
        if (options.expectedLength().isPresent() && options.expectedLength().getAsLong() != total) {
            throw new ContentMismatchException(ContentMismatchException.Check.LENGTH, "received " + total
                    + " bytes, " + options.expectedLength().getAsLong() + " were announced");
        }
        Optional<byte[]> actualMd5 = md5 == null ? Optional.empty() : Optional.of(md5.digest());
        if (options.expectedMd5().isPresent()
                && !MessageDigest.isEqual(options.expectedMd5().get(), actualMd5.orElseThrow())) {
            throw new ContentMismatchException(ContentMismatchException.Check.MD5, "MD5 of the body is "
                    + Base64.getEncoder().encodeToString(actualMd5.orElseThrow()) + ", the request declared "
                    + Base64.getEncoder().encodeToString(options.expectedMd5().get()));
        }
        options.extraCheck().run();
        return new Streamed(total, actualMd5);
    }

    /** Reads into {@code buffer} until it is full or the body ends; returns the bytes read. */
    private static int fill(InputStream content, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = content.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private static void checkLimit(long total, WriteOptions options) {
        if (total > options.maxBytes()) {
            throw new ContentTooLargeException("body is larger than the limit of " + options.maxBytes() + " bytes");
        }
    }

    private static void writeFully(FileChannel out, byte[] buffer, int length) throws IOException {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, length);
        while (wrapped.hasRemaining()) {
            out.write(wrapped);
        }
    }

    /**
     * Makes {@code manifest} the blob's content: temp file, fsync, atomic rename, directory fsync.
     * On failure before the rename, {@code added} (block files this write put into the directory)
     * are removed by the caller or here; after it, block files the new manifest does not reference
     * are deleted.
     */
    private void publish(Path dir, Manifest manifest, List<Path> added, boolean durable) throws IOException {
        Path temp = dir.resolve(MANIFEST_TEMP_PREFIX + UUID.randomUUID());
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
            moveAtomically(temp, dir.resolve(MANIFEST));
            swapped = true;
        } finally {
            if (!swapped) {
                Files.deleteIfExists(temp);
                for (Path p : added) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (durable) {
            fsyncDirectory(dir); // the new block names and the manifest rename, in one go
        }
        Set<String> keep = new HashSet<>();
        keep.add(MANIFEST);
        manifest.segments().forEach(s -> keep.add(s.file()));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!keep.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p); // old blocks, and leftovers of a crash before an earlier swap
                }
            }
        }
    }

    /** Links a staged block into the blob directory; the staged one stays until the commit succeeded. */
    private static void linkOrMove(Path staged, Path link, String blockId) throws IOException {
        try {
            Files.createLink(link, staged);
        } catch (NoSuchFileException e) {
            throw new InvalidBlockListException("block " + blockId + " is no longer staged");
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (!Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidBlockListException("block " + blockId + " is no longer staged");
            }
            moveAtomically(staged, link); // no hard links here: the block leaves staging
        }
    }

    // ---- manifest --------------------------------------------------------------------------

    /** One block of a committed blob: its id ({@value #NO_ID} for a Put Blob), size and file in the blob directory. */
    private record Segment(String blockId, long length, String file) {
    }

    private record Manifest(String etag, long lastModifiedMillis, Optional<byte[]> md5, String contentType,
                            List<Segment> segments) {

        long length() {
            long total = 0;
            for (Segment s : segments) {
                total += s.length();
            }
            return total;
        }

        BlobProperties properties() {
            return new BlobProperties(length(), md5, etag, Instant.ofEpochMilli(lastModifiedMillis), contentType);
        }

        byte[] serialize() throws IOException {
            Properties p = new Properties();
            p.setProperty("format", "1");
            p.setProperty("etag", etag);
            p.setProperty("lastModified", Long.toString(lastModifiedMillis));
            p.setProperty("length", Long.toString(length()));
            md5.ifPresent(m -> p.setProperty("md5", Base64.getEncoder().encodeToString(m)));
            p.setProperty("contentType", contentType);
            StringBuilder list = new StringBuilder(segments.size() * 64);
            for (Segment s : segments) {
                list.append(list.length() == 0 ? "" : ",")
                        .append(s.blockId().equals(NO_ID) ? NO_ID
                                : HexFormat.of().formatHex(s.blockId().getBytes(StandardCharsets.US_ASCII)))
                        .append(' ').append(s.length()).append(' ').append(s.file());
            }
            p.setProperty("blocks", list.toString());
            StringWriter out = new StringWriter();
            p.store(out, null);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        static Manifest parse(String text) throws IOException {
            Properties p = new Properties();
            p.load(new StringReader(text));
            if (!"1".equals(p.getProperty("format"))) {
                throw new IOException("unknown manifest format " + p.getProperty("format"));
            }
            List<Segment> segments = new ArrayList<>();
            String list = p.getProperty("blocks", "");
            if (!list.isEmpty()) {
                for (String entry : list.split(",")) {
                    String[] f = entry.split(" ");
                    if (f.length != 3 || !f[2].startsWith(BLOCK_FILE_PREFIX) || f[2].contains("/")) {
                        throw new IOException("bad manifest entry " + entry);
                    }
                    String id = f[0].equals(NO_ID) ? NO_ID
                            : new String(HexFormat.of().parseHex(f[0]), StandardCharsets.US_ASCII);
                    segments.add(new Segment(id, Long.parseLong(f[1]), f[2]));
                }
            }
            Manifest m = new Manifest(p.getProperty("etag"), Long.parseLong(p.getProperty("lastModified")),
                    Optional.ofNullable(p.getProperty("md5")).map(Base64.getDecoder()::decode),
                    p.getProperty("contentType", WriteOptions.DEFAULT_CONTENT_TYPE), List.copyOf(segments));
            if (m.etag() == null || m.length() != Long.parseLong(p.getProperty("length"))) {
                throw new IOException("inconsistent manifest");
            }
            return m;
        }
    }

    private static Optional<Manifest> readManifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(Manifest.parse(text));
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException("corrupt blob manifest " + file, e);
        }
    }

    // ---- reading ---------------------------------------------------------------------------

    /** {@code length} bytes of {@code file} from {@code offset}. */
    private record Piece(Path file, long offset, long length) {
    }

    /** Streams pieces of block files one after the other; files are opened up front (some) or on demand. */
    private static final class SegmentedInputStream extends InputStream {
        private final List<Piece> pieces;
        private final FileChannel[] channels;
        private int index;
        private long done; // bytes read from pieces[index]
        private boolean closed;

        SegmentedInputStream(List<Piece> pieces) {
            this.pieces = pieces;
            this.channels = new FileChannel[pieces.size()];
        }

        void openEagerly(int limit) throws IOException {
            for (int i = 0; i < Math.min(limit, pieces.size()); i++) {
                channels[i] = FileChannel.open(pieces.get(i).file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (index < pieces.size()) {
                Piece piece = pieces.get(index);
                if (done >= piece.length()) {
                    closeChannel(index);
                    index++;
                    done = 0;
                    continue;
                }
                FileChannel channel = channel(index);
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, piece.length() - done)),
                        piece.offset() + done);
                if (n < 0) {
                    throw new IOException("block file shorter than its manifest says: " + piece.file());
                }
                done += n;
                return n;
            }
            return -1;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && index < pieces.size()) {
                long step = Math.min(n - skipped, pieces.get(index).length() - done);
                done += step;
                skipped += step;
                if (done >= pieces.get(index).length()) {
                    closeChannel(index);
                    index++;
                    done = 0;
                }
            }
            return skipped;
        }

        @Override
        public int available() {
            return index < pieces.size() ? (int) Math.min(Integer.MAX_VALUE, pieces.get(index).length() - done) : 0;
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[READ_BUFFER_SIZE];
            long total = 0;
            int n;
            while ((n = read(buffer, 0, buffer.length)) >= 0) {
                out.write(buffer, 0, n);
                total += n;
            }
            return total;
        }

        private FileChannel channel(int i) throws IOException {
            if (channels[i] == null) {
                try {
                    channels[i] = FileChannel.open(pieces.get(i).file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    throw new IOException("the blob was replaced or deleted while being read", e);
                }
            }
            return channels[i];
        }

        private void closeChannel(int i) throws IOException {
            if (channels[i] != null) {
                channels[i].close();
                channels[i] = null;
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            IOException failure = null;
            for (int i = 0; i < channels.length; i++) {
                try {
                    closeChannel(i);
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    // ---- paths -----------------------------------------------------------------------------

    private Path containerPath(String container) {
        return inside(blobsDir, blobsDir.resolve(BlobNames.requireContainer(container)));
    }

    /** The blob's directory; '#' is not allowed in names, so it never collides with a prefix directory. */
    private Path blobDir(String container, String blob) {
        Path dir = containerPath(container);
        return inside(dir, dir.resolve(BlobNames.requireBlob(blob) + BLOB_DIR_SUFFIX));
    }

    private Path prefixPath(String container, String prefix) {
        String trimmed = BlobNames.requirePrefix(prefix);
        if (trimmed.isEmpty()) {
            throw new InvalidBlobNameException("a prefix to move must not be empty");
        }
        Path dir = containerPath(container);
        return inside(dir, dir.resolve(BlobNames.requireBlob(trimmed)));
    }

    private Path stagingDirOf(String container, String blob) {
        BlobNames.requireBlob(blob);
        Path dir = stagingDir.resolve(BlobNames.requireContainer(container)).resolve(sha256Hex(blob));
        return inside(stagingDir, dir);
    }

    private Path stagedBlockPath(String container, String blob, String blockId) {
        Path dir = stagingDirOf(container, blob);
        String fileName = HexFormat.of().formatHex(BlobNames.requireBlockId(blockId).getBytes(StandardCharsets.US_ASCII));
        return inside(dir, dir.resolve(fileName));
    }

    private static String decodeBlockFileName(String fileName) {
        return new String(HexFormat.of().parseHex(fileName), StandardCharsets.US_ASCII);
    }

    /** Second line of defence behind {@link BlobNames}: the resolved path must stay under {@code base}. */
    private static Path inside(Path base, Path candidate) {
        Path normalized = candidate.normalize();
        if (!normalized.startsWith(base) || normalized.equals(base)) {
            throw new InvalidBlobNameException("name resolves outside its container");
        }
        return normalized;
    }

    /** Creates {@code dir} if needed and makes every directory it had to create durable in its parent. */
    private void ensureDirectory(Path dir) throws IOException {
        ensureDirectory(dir, true);
    }

    /** With {@code durable} false the new directories are left for a later {@link #syncTree} to make durable. */
    private void ensureDirectory(Path dir, boolean durable) throws IOException {
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
            throw new BlobStoreException("something is in the way of " + root.relativize(dir));
        }
        for (Path p = dir.getParent(); durable && p != null; p = p.getParent()) {
            fsyncDirectory(p);
            if (p.equals(existing)) {
                break;
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's directories must be on one file system", e);
        } catch (DirectoryNotEmptyException e) {
            throw new BlobStoreException("blobs exist under " + target.getFileName() + "/");
        }
    }

    /** Makes renames, links and creations in {@code dir} durable (Linux: fsync on the directory). */
    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String newBlockFileName() {
        return BLOCK_FILE_PREFIX + UUID.randomUUID() + BLOCK_FILE_SUFFIX;
    }

    /** New for every write, so it changes with every replacement. */
    private static String newEtag() {
        long value = ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
        return "\"0x" + HexFormat.of().withUpperCase().formatHex(ByteBuffer.allocate(8).putLong(value).array()) + "\"";
    }

    private ReentrantLock lockFor(String container, String blob) {
        return locks[Math.floorMod((container + "/" + blob).hashCode(), LOCK_STRIPES)];
    }

    private void clearLeftoverTempFiles() throws IOException {
        try (Stream<Path> leftovers = Files.list(tmpDir)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String guessType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(ext, WriteOptions.DEFAULT_CONTENT_TYPE);
    }

    private static String sha256Hex(String value) {
        return HexFormat.of().formatHex(newSha256().digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
