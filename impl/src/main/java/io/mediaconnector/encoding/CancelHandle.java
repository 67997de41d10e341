package io.mediaconnector.encoding;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels a running encode: {@link #cancel()} kills every ffmpeg/ffprobe process started under this
 * handle (and their children) and makes the pipeline stop with {@link EncodingCancelledException}.
 * Thread-safe; cancelling twice is harmless.
 */
public final class CancelHandle {

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
        running.forEach(CancelHandle::kill);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void throwIfCancelled() {
        if (cancelled) {
            throw new EncodingCancelledException("Encoding was cancelled");
        }
    }

    void register(Process process) {
        running.add(process);
        if (cancelled) {
            kill(process);
        }
    }

    void unregister(Process process) {
        running.remove(process);
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
