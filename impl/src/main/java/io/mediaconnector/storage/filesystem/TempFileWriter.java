package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.ContentMismatchException;
import io.mediaconnector.storage.ContentTooLargeException;
import io.mediaconnector.storage.WriteOptions;
import io.mediaconnector.support.BoundedInputStream;
import io.mediaconnector.support.Futures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Streams a request body into a fresh temp file in one pass, checking it against what the
 * request declared (limit, length, MD5, the caller's extra check such as a CRC-64) before the
 * file is handed over; a body that fails a check leaves no file behind.
 *
 * <p>Each 1 MiB buffer is filled completely (the HTTP layer hands out a few KiB per read) and
 * written with one write call while the previous one is hashed on another thread
 * ({@link BackgroundMd5}); two buffers per upload. A durable write is flushed in the background
 * as it grows ({@link EarlyFlush}) and fsynced once when the body is complete, before anything is
 * renamed into place or acknowledged.
 */
final class TempFileWriter {
    /** One read/write step: large enough that syscalls and per-call overhead vanish, small enough per request. */
    private static final int BUFFER_SIZE = 1024 * 1024;
    /** How much of a durable write may wait in the page cache before a background flush starts. */
    private static final long FLUSH_EVERY = 32L * 1024 * 1024;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** The temp file, complete and checked, with the body's length and (if it was hashed) MD5. */
    record Written(Path file, long length, Optional<byte[]> md5) {
    }

    private final Path directory;
    private final Executor helpers;

    /** @param directory where temp files go: on the store's file system, so they can be renamed into place */
    TempFileWriter(Path directory, Executor helpers) {
        this.directory = directory;
        this.helpers = helpers;
    }

    /**
     * Writes {@code content} to a new temp file that the caller moves into place or deletes. With
     * {@code hash} false (a Put Block that sent no MD5) nothing is hashed unless
     * {@code options} expects an MD5; with {@code durable} false nothing is fsynced (the caller
     * makes a whole tree durable later).
     */
    Written write(InputStream content, WriteOptions options, boolean durable, boolean hash) throws IOException {
        Path temp = Files.createTempFile(directory, "put-", ".part");
        boolean kept = false;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            EarlyFlush flush = new EarlyFlush(out, helpers, durable ? FLUSH_EVERY : Long.MAX_VALUE);
            try {
                Written written = stream(content, options, hash, out, flush, temp);
                if (durable) {
                    out.force(true);
                }
                kept = true;
                return written;
            } finally {
                flush.awaitRunning();
            }
        } finally {
            if (!kept) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** The body into {@code out}, with its length and MD5 checked against what the request declared. */
    private Written stream(InputStream body, WriteOptions options, boolean hash, FileChannel out, EarlyFlush flush,
                           Path temp) throws IOException {
        InputStream content = new BoundedInputStream(body, options.maxBytes(),
                limit -> new ContentTooLargeException("body is larger than the limit of " + limit + " bytes"));
        BackgroundMd5 md5 = hash || options.expectedMd5().isPresent() ? new BackgroundMd5(helpers) : null;
        byte[][] buffers = {new byte[BUFFER_SIZE], new byte[BUFFER_SIZE]};
        CompletableFuture<?>[] hashed = {DONE, DONE};
        long total = 0;
        for (int slot = 0; ; slot ^= 1) {
            byte[] buffer = buffers[slot];
            Futures.await(hashed[slot], "hashing the body"); // then the buffer is free again
            int filled = fill(content, buffer);
            if (filled == 0) {
                break;
            }
            total += filled;
            if (md5 != null) {
                hashed[slot] = md5.update(buffer, filled);
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
        return new Written(temp, total, actualMd5);
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

    private static void writeFully(FileChannel out, byte[] buffer, int length) throws IOException {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, length);
        while (wrapped.hasRemaining()) {
            out.write(wrapped);
        }
    }
}
