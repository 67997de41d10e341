package io.mediaconnector.support;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises "the disk is full" in whatever form it arrives: the kernel's ENOSPC/EDQUOT in an
 * {@code IOException} or in ffmpeg's stderr (carried by encoding exceptions), SQLite's
 * {@code SQLITE_FULL}, PostgreSQL's {@code disk_full} (53100). Nothing was written when it
 * happens; the caller refuses or retries, never acknowledges. Causes and suppressed exceptions
 * are searched too, since the pipeline and Jdbi wrap them.
 */
public final class DiskFull {
    private static final List<String> SIGNS = List.of(
            "no space left on device", // ENOSPC, in ffmpeg's stderr and the JDK's IOException messages
            "disk quota exceeded", // EDQUOT: the same for a user with a quota
            "database or disk is full", // SQLite's SQLITE_FULL
            "sqlite_full");
    private static final String POSTGRESQL_DISK_FULL = "53100";

    private DiskFull() {
    }

    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof SQLException sql && POSTGRESQL_DISK_FULL.equals(sql.getSQLState())) {
                return true;
            }
            if (mentionsFullDisk(next.getMessage())) {
                return true;
            }
            if (next.getCause() != null) {
                pending.push(next.getCause());
            }
            for (Throwable suppressed : next.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    /** Whether a message, such as a process's stderr, says the disk is full in the kernel's or SQLite's words. */
    public static boolean mentionsFullDisk(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return SIGNS.stream().anyMatch(lower::contains);
    }
}
