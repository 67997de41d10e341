package io.mediaconnector.support;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Recognises "the disk is full" in whatever form it arrives: the kernel's ENOSPC/EDQUOT in an
 * {@link IOException}, SQLite's {@code SQLITE_FULL}, PostgreSQL's {@code disk_full} (53100).
 * Nothing was written when it happens; the caller refuses or retries, never acknowledges.
 */
public final class DiskFull {
    private static final String[] MESSAGES = {"No space left on device", "Disk quota exceeded", "SQLITE_FULL"};
    private static final String POSTGRESQL_DISK_FULL = "53100";

    private DiskFull() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && POSTGRESQL_DISK_FULL.equals(sql.getSQLState())) {
                return true;
            }
            if ((t instanceof IOException || t instanceof SQLException) && mentionsFullDisk(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** ffmpeg and other processes report it on stderr in the kernel's words. */
    public static boolean mentionsFullDisk(String text) {
        if (text == null) {
            return false;
        }
        for (String message : MESSAGES) {
            if (text.contains(message)) {
                return true;
            }
        }
        return false;
    }
}
