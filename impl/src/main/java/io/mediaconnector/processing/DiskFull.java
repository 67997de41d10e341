package io.mediaconnector.processing;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether an encoding attempt failed because a disk was full: not the video's fault, and over as
 * soon as space is freed, so the attempt is retried without counting against the job.
 *
 * <p>The kernel's words are all there is to go by: ffmpeg prints {@code strerror(ENOSPC)} on
 * its stderr (which {@code EncodingException} messages carry), and the JDK puts the same text in
 * the {@code IOException} of a failed write (fetching the upload, publishing the outputs). The
 * failure's causes and suppressed exceptions are searched too, since the pipeline wraps them.
 */
final class DiskFull {
    /** Status message of a video whose encode waits for space. */
    static final String WAITING_MESSAGE = "Waiting for disk space: disk full; encoding resumes when space is freed.";

    private static final List<String> SIGNS = List.of(
            "no space left on device", // ENOSPC, in ffmpeg's stderr and the JDK's IOException messages
            "disk quota exceeded", // EDQUOT: the same for a user with a quota
            "database or disk is full"); // SQLite's SQLITE_FULL (writing progress or status)

    private DiskFull() {
    }

    static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (saysDiskFull(next.getMessage())) {
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

    private static boolean saysDiskFull(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return SIGNS.stream().anyMatch(lower::contains);
    }
}
