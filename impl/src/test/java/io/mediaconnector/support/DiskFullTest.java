package io.mediaconnector.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DiskFullTest {
    @Test
    void recognisesTheKernelsWordsWhereverTheyAreWrapped() {
        IOException enospc = new FileSystemException("/data/blobs/x", null, "No space left on device");
        assertThat(DiskFull.causedBy(enospc)).isTrue();
        assertThat(DiskFull.causedBy(new UncheckedIOException(new IOException("Disk quota exceeded")))).isTrue();
        assertThat(DiskFull.causedBy(new IllegalStateException(new RuntimeException(enospc)))).isTrue();
    }

    @Test
    void recognisesSqliteAndPostgresql() {
        assertThat(DiskFull.causedBy(new RuntimeException(new SQLException(
                "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)")))).isTrue();
        assertThat(DiskFull.causedBy(new SQLException("could not extend file", "53100"))).isTrue();
    }

    @Test
    void otherFailuresAreNotADiskFull() {
        assertThat(DiskFull.causedBy(new IOException("Connection reset by peer"))).isFalse();
        assertThat(DiskFull.causedBy(new SQLException("[SQLITE_BUSY] database is locked"))).isFalse();
        assertThat(DiskFull.causedBy(new IllegalArgumentException("No space left on device"))).isFalse();
        assertThat(DiskFull.mentionsFullDisk("[out#0/mp4] Error writing trailer: No space left on device")).isTrue();
        assertThat(DiskFull.mentionsFullDisk(null)).isFalse();
    }
}
