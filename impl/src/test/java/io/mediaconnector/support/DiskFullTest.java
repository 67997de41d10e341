package io.mediaconnector.support;

import io.mediaconnector.encoding.EncodingException;
import io.mediaconnector.encoding.FfmpegBinaries;
import io.mediaconnector.encoding.UnsupportedMediaException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Telling a full disk from other failures, on the words the kernel really uses: {@code /dev/full}
 * answers every write with ENOSPC, so the JDK's and ffmpeg's own messages for it are tested here.
 */
class DiskFullTest {
    private static final Path DEV_FULL = Path.of("/dev/full");

    @Test
    void aWriteTheDiskRefusesIsDiskFull() {
        IOException refused = catchThrowableOfType(IOException.class, () -> {
            try (OutputStream out = Files.newOutputStream(DEV_FULL)) {
                out.write(new byte[8192]);
                out.flush();
            }
        });

        assertThat(refused).isNotNull();
        assertThat(DiskFull.causedBy(refused)).as(refused.toString()).isTrue();
    }

    @Test
    void aFullDiskIsFoundUnderTheExceptionsThatWrapIt() {
        IOException refused = catchThrowableOfType(IOException.class, () -> Files.write(DEV_FULL, new byte[8192]));

        assertThat(DiskFull.causedBy(new UncheckedIOException(refused))).isTrue();
        assertThat(DiskFull.causedBy(new EncodingException("Could not store the poster picture", refused))).isTrue();
        RuntimeException withSuppressed = new IllegalStateException("packaging failed");
        withSuppressed.addSuppressed(refused);
        assertThat(DiskFull.causedBy(withSuppressed)).isTrue();
    }

    @Test
    void ffmpegsOwnWordsForAFullDiskAreDiskFull() throws Exception {
        FfmpegBinaries binaries = FfmpegBinaries.bundled(Path.of("target/ffmpeg-cache").toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(binaries.ffmpeg().toString(), "-hide_banner", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=320x240:d=2", "-c:v", "mpeg4", "-f", "mp4", DEV_FULL.toString())
                .redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", binaries.ffmpeg().getParent().toString());
        Process ffmpeg = builder.start();
        ffmpeg.getOutputStream().close();
        List<String> output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).isNotZero();

        // As the packagers report a failed run: the last lines of its stderr.
        String tail = String.join(" | ", output.subList(Math.max(0, output.size() - 30), output.size()));
        assertThat(DiskFull.causedBy(new EncodingException("Packaging the adaptive streams failed: " + tail)))
                .as(tail).isTrue();
    }

    @Test
    void theDatabasesSayItTheirOwnWay() {
        assertThat(DiskFull.causedBy(new RuntimeException(new SQLException(
                "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)")))).isTrue();
        assertThat(DiskFull.causedBy(new SQLException("could not extend file \"base/16384/2619\"", "53100"))).isTrue();
        assertThat(DiskFull.causedBy(new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)")))
                .isFalse();
    }

    @Test
    void otherFailuresAreNotDiskFull() {
        assertThat(DiskFull.causedBy(new UnsupportedMediaException("The uploaded file is not a video ffmpeg can read"))).isFalse();
        assertThat(DiskFull.causedBy(new EncodingException("Packaging failed: Invalid data found when processing input")))
                .isFalse();
        assertThat(DiskFull.causedBy(new UncheckedIOException(new ConnectException("Connection refused")))).isFalse();
        assertThat(DiskFull.causedBy(new NullPointerException())).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(DiskFull.causedBy(first)).isFalse();
    }
}
