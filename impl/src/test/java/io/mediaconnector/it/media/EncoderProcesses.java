package io.mediaconnector.it.media;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ffmpeg/ffprobe processes of a data directory, found as an operator would: by their command lines in /proc. */
final class EncoderProcesses {
    private EncoderProcesses() {
    }

    /** Every process whose command line names something under {@code dataDir} (its bundled ffmpeg lives there too). */
    static List<String> of(Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> process.info().commandLine().map(line -> line.contains(dir)
                        && (line.contains("ffmpeg") || line.contains("ffprobe"))).orElse(false))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse(""))
                .toList();
    }

    /** Waits until an ffmpeg is encoding in {@code dataDir}'s work directory: the encode is under way. */
    static void awaitEncoding(Path dataDir, Duration timeout) {
        String work = dataDir.toAbsolutePath().resolve("work") + "/";
        Instant deadline = Instant.now().plus(timeout);
        while (of(dataDir).stream().noneMatch(line -> line.contains("/ffmpeg ") && line.contains(work))) {
            assertThat(Instant.now()).as("an ffmpeg encoding under " + work).isBefore(deadline);
            MediaClient.sleep(100);
        }
    }

    /** Waits until none is left; fails naming the survivors. */
    static void awaitNone(Path dataDir, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<String> left;
        while (!(left = of(dataDir)).isEmpty()) {
            assertThat(Instant.now()).as("ffmpeg processes still running after %s: %s", timeout, left).isBefore(deadline);
            MediaClient.sleep(100);
        }
    }
}
