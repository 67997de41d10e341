package io.mediaconnector.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * {@link BlobStore} on a local directory.
 *
 * <pre>
 * root/blobs/&lt;container&gt;/&lt;blob path&gt;        committed content
 * root/blobs/&lt;container&gt;/&lt;blob path&gt;#meta   sidecar: MD5, content type, committed block list
 * root/staging/&lt;container&gt;/&lt;sha256(blob)&gt;/&lt;hex(block id)&gt;   uncommitted blocks
 * root/tmp/                                       partial writes, same file system as the rest
 * </pre>
 *
 * Every write goes to a fresh file under {@code tmp/}, is checked and fsynced, and only then
 * renamed into place ({@code ATOMIC_MOVE}), so readers never see a partial blob and a failed write
 * leaves nothing. The ETag is derived from the data file's inode, mtime and size, so it changes
 * with every replacement without a second write; a sidecar whose recorded ETag is not the data
 * file's is stale (a crash between the two renames) and is ignored rather than trusted.
 * Blob names come from {@link BlobNames}, which forbids '#', so no blob can collide with a sidecar.
 * Limitation of the file system: a blob "a" and a blob "a/b" cannot both exist.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final String META_SUFFIX = "#meta";
    /** One read/MD5/write step: large enough that syscalls and per-call overhead vanish, small enough per request. */
    private static final int BUFFER_SIZE = 1024 * 1024;
    private static final int LOCK_STRIPES = 64;
    private static final int MAX_BLOCKS_PER_BLOB = 50_000;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "m3u8", "application/vnd.apple.mpegurl", "mpd", "application/dash+xml", "mp4", "video/mp4",
            "m4s", "video/mp4", "m4a", "audio/mp4", "ts", "video/mp2t", "jpg", "image/jpeg",
            "png", "image/png", "vtt", "text/vtt", "json", "application/json");

    private final Path root;
    private final Path blobsDir;
    private final Path stagingDir;
    private final Path tmpDir;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

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
        Path target = blobPath(container, blob);
        Written written = writeToTemp(content, options);
        try {
            ReentrantLock lock = lockFor(container, blob);
            lock.lock();
            try {
                Meta meta = new Meta(etagOf(written.file()), written.md5(), options.contentType(), List.of());
                publish(written.file(), target, meta);
            } finally {
                lock.unlock();
            }
            return getProperties(container, blob).orElseThrow(() -> new NoSuchFileException(target.toString()));
        } finally {
            Files.deleteIfExists(written.file());
        }
    }

    @Override
    public StagedBlock stageBlock(String container, String blob, String blockId, InputStream content,
                                  WriteOptions options) throws IOException {
        Path target = stagedBlockPath(container, blob, blockId);
        Written written = writeToTemp(content, options);
        try {
            Files.createDirectories(target.getParent());
            moveAtomically(written.file(), target);
            return new StagedBlock(written.length(), written.md5().orElseThrow());
        } finally {
            Files.deleteIfExists(written.file());
        }
    }

    @Override
    public BlobProperties commitBlockList(String container, String blob, List<BlockReference> blocks,
                                          CommitOptions options) throws IOException {
        Path target = blobPath(container, blob);
        if (blocks.size() > MAX_BLOCKS_PER_BLOB) {
            throw new InvalidBlockListException("more than " + MAX_BLOCKS_PER_BLOB + " blocks");
        }
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            List<Segment> segments = resolve(container, blob, target, blocks);
            long total = segments.stream().mapToLong(Segment::length).sum();
            if (total > options.maxBytes()) {
                throw new ContentTooLargeException("committed blob would be " + total + " bytes, over the limit of "
                        + options.maxBytes());
            }
            Path temp = Files.createTempFile(tmpDir, "commit-", ".part");
            try {
                byte[] md5 = concatenate(segments, temp, options.contentMd5().isEmpty());
                List<BlockList.Block> committed = segments.stream()
                        .map(s -> new BlockList.Block(s.blockId(), s.length())).toList();
                Meta meta = new Meta(etagOf(temp), Optional.ofNullable(options.contentMd5().orElse(md5)),
                        options.contentType(), committed);
                publish(temp, target, meta);
            } finally {
                Files.deleteIfExists(temp);
            }
            deleteTree(stagingDirOf(container, blob));
        } finally {
            lock.unlock();
        }
        return getProperties(container, blob).orElseThrow(() -> new NoSuchFileException(target.toString()));
    }

    @Override
    public BlockList getBlockList(String container, String blob) throws IOException {
        Path target = blobPath(container, blob);
        List<BlockList.Block> committed = readFreshMeta(target).map(Meta::blocks).orElse(List.of());
        List<BlockList.Block> uncommitted = new ArrayList<>();
        Path dir = stagingDirOf(container, blob);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    String id = decodeBlockFileName(file.getFileName().toString());
                    uncommitted.add(new BlockList.Block(id, Files.size(file)));
                }
            }
        }
        return new BlockList(committed, uncommitted);
    }

    @Override
    public Optional<BlobProperties> getProperties(String container, String blob) throws IOException {
        Path target = blobPath(container, blob);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        String etag = etagOf(attributes);
        Optional<Meta> meta = readMeta(target).filter(m -> m.etag().equals(etag));
        return Optional.of(new BlobProperties(attributes.size(), meta.flatMap(Meta::md5), etag,
                attributes.lastModifiedTime().toInstant(),
                meta.map(Meta::contentType).orElse(WriteOptions.DEFAULT_CONTENT_TYPE)));
    }

    @Override
    public BlobRead openForRead(String container, String blob, Optional<ByteRange> range) throws IOException {
        Path target = blobPath(container, blob);
        FileChannel channel;
        try {
            channel = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException("blob not found: " + container + "/" + blob);
        }
        try {
            BlobProperties properties = getProperties(container, blob)
                    .orElseThrow(() -> new BlobNotFoundException("blob not found: " + container + "/" + blob));
            long size = channel.size();
            long first = range.map(ByteRange::first).orElse(0L);
            long last = range.flatMap(r -> r.last().isPresent() ? Optional.of(r.last().getAsLong()) : Optional.empty())
                    .map(l -> Math.min(l, size - 1)).orElse(size - 1);
            if (range.isPresent() && first >= size) {
                throw new InvalidRangeException("range starts at " + first + " but the blob has " + size + " bytes");
            }
            channel.position(first);
            long length = Math.max(0, last - first + 1);
            return new BlobRead(properties, first, length, new BoundedInputStream(Channels.newInputStream(channel), length));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
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
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .filter(n -> !n.endsWith(META_SUFFIX) && n.startsWith(prefix))
                    .forEach(names::add);
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
        Path target = blobPath(container, blob);
        ReentrantLock lock = lockFor(container, blob);
        lock.lock();
        try {
            deleteTree(stagingDirOf(container, blob));
            boolean existed = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(target);
            Files.deleteIfExists(metaPath(target));
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
    public void copyDirectory(Path sourceDirectory, String container, String prefix) throws IOException {
        String base = BlobNames.requirePrefix(prefix);
        Path source = sourceDirectory.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : files) {
            String relative = source.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            String name = base.isEmpty() ? relative : base + "/" + relative;
            try (InputStream in = Files.newInputStream(file)) {
                putBlob(container, name, in, WriteOptions.limitedTo(Long.MAX_VALUE).withContentType(guessType(name)));
            }
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
        Files.createDirectories(to.getParent());
        Path trash = null;
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            trash = tmpDir.resolve("trash-" + UUID.randomUUID());
            moveAtomically(to, trash);
        }
        moveAtomically(from, to);
        if (trash != null) {
            deleteTree(trash);
        }
    }

    // ---- writing -------------------------------------------------------------------------

    private record Written(Path file, long length, Optional<byte[]> md5) {
    }

    /**
     * Streams {@code content} into a fresh temp file in one pass: each buffer is filled completely
     * (the HTTP layer hands out a few KiB per read), fed to MD5 and written with one write call.
     * The checks run when the body is complete; then one fsync, before anything is renamed into
     * place or acknowledged.
     */
    private Written writeToTemp(InputStream content, WriteOptions options) throws IOException {
        Path temp = Files.createTempFile(tmpDir, "put-", ".part");
        boolean kept = false;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            MessageDigest md5 = newMd5();
            byte[] buffer = new byte[BUFFER_SIZE];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long total = 0;
            boolean eof = false;
            while (!eof) {
                int filled = 0;
                while (filled < buffer.length) {
                    int n = content.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    filled += n;
                }
                if (filled == 0) {
                    break;
                }
                total += filled;
                if (total > options.maxBytes()) {
                    throw new ContentTooLargeException("body is larger than the limit of " + options.maxBytes() + " bytes");
                }
                md5.update(buffer, 0, filled);
                wrapped.clear().limit(filled);
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
            }
            if (options.expectedLength().isPresent() && options.expectedLength().getAsLong() != total) {
                throw new ContentMismatchException(ContentMismatchException.Check.LENGTH, "received " + total
                        + " bytes, " + options.expectedLength().getAsLong() + " were announced");
            }
            byte[] actualMd5 = md5.digest();
            if (options.expectedMd5().isPresent() && !MessageDigest.isEqual(options.expectedMd5().get(), actualMd5)) {
                throw new ContentMismatchException(ContentMismatchException.Check.MD5, "MD5 of the body is "
                        + Base64.getEncoder().encodeToString(actualMd5) + ", the request declared "
                        + Base64.getEncoder().encodeToString(options.expectedMd5().get()));
            }
            options.extraCheck().run();
            out.force(true);
            kept = true;
            return new Written(temp, total, Optional.of(actualMd5));
        } finally {
            if (!kept) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Content and sidecar into place: data first, so a crash in between only leaves a stale sidecar. */
    private void publish(Path data, Path target, Meta meta) throws IOException {
        Path metaTemp = Files.createTempFile(tmpDir, "meta-", ".part");
        try {
            try (Writer writer = Files.newBufferedWriter(metaTemp, StandardCharsets.UTF_8)) {
                meta.toProperties().store(writer, null);
            }
            createParents(target);
            moveAtomically(data, target);
            moveAtomically(metaTemp, metaPath(target));
        } finally {
            Files.deleteIfExists(metaTemp);
        }
    }

    private record Segment(String blockId, Path file, long offset, long length) {
    }

    private List<Segment> resolve(String container, String blob, Path target, List<BlockReference> blocks)
            throws IOException {
        Map<String, Segment> committed = new HashMap<>();
        Optional<Meta> meta = readFreshMeta(target);
        if (meta.isPresent()) {
            long offset = 0;
            for (BlockList.Block block : meta.get().blocks()) {
                committed.putIfAbsent(block.id(), new Segment(block.id(), target, offset, block.size()));
                offset += block.size();
            }
        }
        List<Segment> segments = new ArrayList<>(blocks.size());
        for (BlockReference ref : blocks) {
            BlobNames.requireBlockId(ref.blockId());
            Path staged = stagedBlockPath(container, blob, ref.blockId());
            Optional<Segment> stagedSegment = Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(new Segment(ref.blockId(), staged, 0, Files.size(staged))) : Optional.empty();
            Optional<Segment> committedSegment = Optional.ofNullable(committed.get(ref.blockId()));
            Optional<Segment> chosen = switch (ref.source()) {
                case UNCOMMITTED -> stagedSegment;
                case COMMITTED -> committedSegment;
                case LATEST -> stagedSegment.or(() -> committedSegment);
            };
            segments.add(chosen.orElseThrow(() -> new InvalidBlockListException("block " + ref.blockId()
                    + " is not " + switch (ref.source()) {
                        case UNCOMMITTED -> "staged";
                        case COMMITTED -> "committed";
                        case LATEST -> "staged or committed";
                    })));
        }
        return segments;
    }

    /** Writes the segments one after the other; returns their MD5 if asked (costs a pass through user space). */
    private byte[] concatenate(List<Segment> segments, Path temp, boolean computeMd5) throws IOException {
        MessageDigest md5 = computeMd5 ? newMd5() : null;
        // Direct, once per commit: reads and writes then need no copy through a JDK temporary buffer.
        ByteBuffer buffer = computeMd5 ? ByteBuffer.allocateDirect(BUFFER_SIZE) : null;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            for (Segment segment : segments) {
                try (FileChannel in = FileChannel.open(segment.file(), StandardOpenOption.READ)) {
                    if (md5 == null) {
                        long done = 0;
                        while (done < segment.length()) {
                            done += in.transferTo(segment.offset() + done, segment.length() - done, out);
                        }
                    } else {
                        long position = segment.offset();
                        long end = segment.offset() + segment.length();
                        while (position < end) {
                            buffer.clear().limit((int) Math.min(BUFFER_SIZE, end - position));
                            int n = in.read(buffer, position);
                            if (n < 0) {
                                throw new IOException("block file shorter than recorded: " + segment.file());
                            }
                            position += n;
                            buffer.flip();
                            md5.update(buffer.duplicate());
                            while (buffer.hasRemaining()) {
                                out.write(buffer);
                            }
                        }
                    }
                }
            }
            out.force(true);
        }
        return md5 == null ? null : md5.digest();
    }

    // ---- sidecar ---------------------------------------------------------------------------

    private record Meta(String etag, Optional<byte[]> md5, String contentType, List<BlockList.Block> blocks) {

        Properties toProperties() {
            Properties p = new Properties();
            p.setProperty("etag", etag);
            md5.ifPresent(m -> p.setProperty("md5", Base64.getEncoder().encodeToString(m)));
            p.setProperty("contentType", contentType);
            StringBuilder list = new StringBuilder();
            for (BlockList.Block block : blocks) {
                list.append(list.length() == 0 ? "" : ",").append(block.id()).append(' ').append(block.size());
            }
            p.setProperty("blocks", list.toString());
            return p;
        }

        static Meta fromProperties(Properties p) {
            List<BlockList.Block> blocks = new ArrayList<>();
            String list = p.getProperty("blocks", "");
            if (!list.isEmpty()) {
                for (String entry : list.split(",")) {
                    int space = entry.lastIndexOf(' ');
                    blocks.add(new BlockList.Block(entry.substring(0, space), Long.parseLong(entry.substring(space + 1))));
                }
            }
            return new Meta(p.getProperty("etag", ""),
                    Optional.ofNullable(p.getProperty("md5")).map(Base64.getDecoder()::decode),
                    p.getProperty("contentType", WriteOptions.DEFAULT_CONTENT_TYPE), blocks);
        }
    }

    private Optional<Meta> readMeta(Path target) throws IOException {
        try (Reader reader = Files.newBufferedReader(metaPath(target), StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(reader);
            return Optional.of(Meta.fromProperties(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Meta> readFreshMeta(Path target) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String etag = etagOf(attributes);
        return readMeta(target).filter(m -> m.etag().equals(etag));
    }

    // ---- paths -----------------------------------------------------------------------------

    private Path containerPath(String container) {
        return inside(blobsDir, blobsDir.resolve(BlobNames.requireContainer(container)));
    }

    private Path blobPath(String container, String blob) {
        Path dir = containerPath(container);
        return inside(dir, dir.resolve(BlobNames.requireBlob(blob)));
    }

    private Path prefixPath(String container, String prefix) {
        String trimmed = BlobNames.requirePrefix(prefix);
        if (trimmed.isEmpty()) {
            throw new InvalidBlobNameException("a prefix to move must not be empty");
        }
        return blobPath(container, trimmed);
    }

    private static Path metaPath(Path target) {
        return target.resolveSibling(target.getFileName() + META_SUFFIX);
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

    private void createParents(Path target) throws IOException {
        try {
            Files.createDirectories(target.getParent());
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new BlobStoreException("a blob is in the way of " + blobsDir.relativize(target));
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BlobStoreException("blobs exist under " + blobsDir.relativize(target) + "/");
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

    private static String etagOf(Path file) throws IOException {
        return etagOf(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    /** Every write creates a new inode, so inode + mtime + size changes with every replacement. */
    private static String etagOf(BasicFileAttributes attributes) {
        MessageDigest digest = newSha256();
        String identity = attributes.fileKey() + "|" + attributes.lastModifiedTime().toInstant() + "|" + attributes.size();
        byte[] hash = digest.digest(identity.getBytes(StandardCharsets.UTF_8));
        return "\"0x" + HexFormat.of().withUpperCase().formatHex(hash, 0, 8) + "\"";
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

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads at most {@code remaining} bytes, for ranged reads. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }
}
