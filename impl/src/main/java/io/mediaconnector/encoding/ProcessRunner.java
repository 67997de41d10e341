package io.mediaconnector.encoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ffmpeg/ffprobe process to completion: stdout goes line by line to a consumer, the last
 * lines of stderr are kept for the error message, the process is killed when it exceeds its time
 * limit or when its {@link CancelHandle} is cancelled.
 *
 * <p>The thread that starts a process is the one that waits for it, and it returns only once the
 * process has ended or was killed: the process's parent-death signal is tied to that thread
 * ({@link ParentDeathSignal}), so it must not end while the process runs.
 */
final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final int STDERR_LINES_KEPT = 30;
    private static final long READER_JOIN_MILLIS = 5_000;

    private final FfmpegBinaries binaries;
    private final Consumer<Invocation> observer;

    ProcessRunner(FfmpegBinaries binaries) {
        this(binaries, invocation -> { });
    }

    /** {@code observer} hears of every process that ran (for benchmarks: the same command lines run directly). */
    ProcessRunner(FfmpegBinaries binaries, Consumer<Invocation> observer) {
        this.binaries = binaries;
        this.observer = observer;
    }

    /** One process that ran: what, and when ({@link System#nanoTime()}). */
    record Invocation(Path executable, List<String> args, long startedNanos, long endedNanos, int exitCode) {
    }

    /** The result of a process that ended by itself (not killed). */
    record Outcome(int exitCode, List<String> stderrTail) {

        boolean succeeded() {
            return exitCode == 0;
        }

        String stderrSummary() {
            return stderrTail.isEmpty() ? "exit code " + exitCode : String.join(" | ", stderrTail);
        }
    }

    Outcome ffmpeg(List<String> args, Duration timeout, CancelHandle cancel, Consumer<String> stdoutLines) {
        return run(binaries.ffmpeg(), args, timeout, cancel, stdoutLines);
    }

    Outcome ffprobe(List<String> args, Duration timeout, CancelHandle cancel, Consumer<String> stdoutLines) {
        return run(binaries.ffprobe(), args, timeout, cancel, stdoutLines);
    }

    private Outcome run(Path executable, List<String> args, Duration timeout, CancelHandle cancel,
                        Consumer<String> stdoutLines) {
        cancel.throwIfCancelled();
        LOG.debug("Running {} {}", executable.getFileName(), redacted(args));
        long startedNanos = System.nanoTime();
        Process process;
        try {
            process = binaries.processBuilder(executable, args).start();
        } catch (IOException e) {
            throw new FfmpegUnavailableException("Cannot start " + executable + ": " + e.getMessage(), e);
        }
        cancel.register(process);
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread stdoutReader = startReader(process.getInputStream(), stdoutLines, "stdout");
        Thread stderrReader = startReader(process.getErrorStream(), line -> keepTail(stderrTail, line), "stderr");
        try {
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                CancelHandle.kill(process);
                process.waitFor(READER_JOIN_MILLIS, TimeUnit.MILLISECONDS);
            }
            stdoutReader.join(READER_JOIN_MILLIS);
            stderrReader.join(READER_JOIN_MILLIS);
            cancel.throwIfCancelled();
            if (!finished) {
                throw new EncodingTimeoutException(executable.getFileName() + " did not finish within "
                        + timeout.toSeconds() + " s and was stopped");
            }
            observer.accept(new Invocation(executable, List.copyOf(args), startedNanos, System.nanoTime(),
                    process.exitValue()));
            synchronized (stderrTail) {
                return new Outcome(process.exitValue(), List.copyOf(stderrTail));
            }
        } catch (InterruptedException e) {
            CancelHandle.kill(process);
            Thread.currentThread().interrupt();
            throw new EncodingCancelledException("Interrupted while " + executable.getFileName() + " was running");
        } catch (IOException e) {
            CancelHandle.kill(process);
            throw new UncheckedIOException(e);
        } finally {
            cancel.unregister(process);
        }
    }

    private static void keepTail(Deque<String> tail, String line) {
        synchronized (tail) {
            if (line.isBlank()) {
                return;
            }
            if (tail.size() == STDERR_LINES_KEPT) {
                tail.removeFirst();
            }
            tail.addLast(line.strip());
        }
    }

    private static Thread startReader(InputStream stream, Consumer<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                LOG.trace("{} reader ended: {}", name, e.getMessage());
            }
        }, "ffmpeg-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** {@code args} with content keys masked, for logs: ffmpeg's {@code encryption_key=} and {@code -decryption_key}. */
    static List<String> redacted(List<String> args) {
        java.util.List<String> out = new java.util.ArrayList<>(args.size());
        boolean nextIsKey = false;
        for (String arg : args) {
            if (nextIsKey) {
                out.add("<redacted>");
                nextIsKey = false;
                continue;
            }
            nextIsKey = arg.equals("-decryption_key") || arg.equals("-encryption_key");
            out.add(arg.replaceAll("(encryption_key=)[0-9A-Fa-f]+", "$1<redacted>"));
        }
        return out;
    }
}
