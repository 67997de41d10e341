package io.mediaconnector.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free space of the file system that holds the data directory, against a reserve: uploads
 * stop while free space is below it, so the database (whose commits need a little room) and
 * encodes in progress can still finish, and health says so. One statfs call per question.
 */
public final class DiskSpace {
    private final FileStore store;
    private final long reserveBytes;

    public DiskSpace(Path dataDir, long reserveBytes) {
        try {
            this.store = Files.getFileStore(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file system of " + dataDir, e);
        }
        this.reserveBytes = reserveBytes;
    }

    public long freeBytes() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    public long reserveBytes() {
        return reserveBytes;
    }

    /** Whether free space is under the reserve (or would be after writing {@code bytes} more). */
    public boolean isLow(long bytes) {
        return freeBytes() - Math.max(bytes, 0) < reserveBytes;
    }

    public boolean isLow() {
        return isLow(0);
    }
}
