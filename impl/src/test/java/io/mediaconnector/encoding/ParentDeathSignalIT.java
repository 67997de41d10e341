package io.mediaconnector.encoding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a JVM that started an ffmpeg the service's way: the ffmpeg is killed with it.
 * Without the parent-death signal this ffmpeg, which writes to no pipe, would run on for its two
 * minutes (an encode that reports progress on a pipe ends by itself when the pipe breaks, so the
 * service-level test alone would not tell).
 */
class ParentDeathSignalIT {
    @TempDir
    Path dir;

    @Test
    void anFfmpegDiesWithAKilledJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), QuietFfmpegMain.class.getName(),
                TestMedia.TARGET.resolve("ffmpeg-cache").toString(), dir.resolve("out.nut").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle ffmpeg = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ffmpeg ")) {
                // the child's log lines come first
            }
            assertThat(line).as("the child JVM started an ffmpeg").isNotNull();
            ffmpeg = ProcessHandle.of(Long.parseLong(line.substring("ffmpeg ".length()))).orElseThrow();
            awaitCommand(ffmpeg, "/ffmpeg", Duration.ofSeconds(10));

            jvm.destroyForcibly().waitFor();

            assertThat(ffmpeg.onExit()).as("ffmpeg after its JVM was killed")
                    .succeedsWithin(Duration.ofSeconds(3));
        } finally {
            jvm.destroyForcibly();
            Optional.ofNullable(ffmpeg).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** setpriv arms the signal, then execs ffmpeg: once the process is ffmpeg, it is armed. */
    private static void awaitCommand(ProcessHandle process, String suffix, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!process.info().command().orElse("").endsWith(suffix)) {
            assertThat(process.isAlive()).isTrue();
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
