package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.BlobProperties;
import io.mediaconnector.storage.WriteOptions;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A committed blob: its ordered list of block files with their sizes and block ids, plus its
 * ETag, time, MD5 and media type, and the text form it is stored in ({@code manifest} in the
 * blob's directory, a properties file with a format number).
 */
record BlobManifest(String etag, long lastModifiedMillis, Optional<byte[]> md5, String contentType,
                    List<Segment> segments) {

    static final String FILE_NAME = "manifest";
    static final String BLOCK_FILE_PREFIX = "b-";
    static final String BLOCK_FILE_SUFFIX = ".blk";
    /** The block id of a Put Blob's only block: it has none, and Get Block List shows no committed blocks. */
    static final String NO_ID = "-";
    private static final String FORMAT = "1";

    /** One block of a committed blob: its id ({@value #NO_ID} for a Put Blob), size and file in the blob directory. */
    record Segment(String blockId, long length, String file) {

        boolean hasBlockId() {
            return !blockId.equals(NO_ID);
        }
    }

    BlobManifest {
        segments = List.copyOf(segments);
    }

    /** A new version of a blob, written now, with a fresh ETag. */
    static BlobManifest newVersion(Clock clock, Optional<byte[]> md5, String contentType, List<Segment> segments) {
        return new BlobManifest(newEtag(), clock.millis(), md5, contentType, segments);
    }

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

    /** The manifest of the blob in {@code directory}; empty if there is no committed blob. */
    static Optional<BlobManifest> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException("corrupt blob manifest " + file, e);
        }
    }

    byte[] serialize() throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("etag", etag);
        p.setProperty("lastModified", Long.toString(lastModifiedMillis));
        p.setProperty("length", Long.toString(length()));
        md5.ifPresent(m -> p.setProperty("md5", Base64.getEncoder().encodeToString(m)));
        p.setProperty("contentType", contentType);
        StringBuilder list = new StringBuilder(segments.size() * 64);
        for (Segment s : segments) {
            list.append(list.length() == 0 ? "" : ",")
                    .append(s.hasBlockId() ? HexFormat.of().formatHex(s.blockId().getBytes(StandardCharsets.US_ASCII)) : NO_ID)
                    .append(' ').append(s.length()).append(' ').append(s.file());
        }
        p.setProperty("blocks", list.toString());
        StringWriter out = new StringWriter();
        p.store(out, null);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static BlobManifest parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        if (!FORMAT.equals(p.getProperty("format"))) {
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
        BlobManifest m = new BlobManifest(p.getProperty("etag"), Long.parseLong(p.getProperty("lastModified")),
                Optional.ofNullable(p.getProperty("md5")).map(Base64.getDecoder()::decode),
                p.getProperty("contentType", WriteOptions.DEFAULT_CONTENT_TYPE), segments);
        if (m.etag() == null || m.length() != Long.parseLong(p.getProperty("length"))) {
            throw new IOException("inconsistent manifest");
        }
        return m;
    }

    /** New for every write, so it changes with every replacement. */
    private static String newEtag() {
        long value = ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
        return "\"0x" + HexFormat.of().withUpperCase().formatHex(ByteBuffer.allocate(8).putLong(value).array()) + "\"";
    }
}
