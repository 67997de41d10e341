package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegBinariesTest {

    @Test
    void bundledExecutablesAreExtractedAndStart() {
        FfmpegBinaries binaries = TestMedia.binaries();

        assertThat(binaries.ffmpeg()).isExecutable();
        assertThat(binaries.ffprobe()).isExecutable();
        assertThat(binaries.ffmpeg().getParent().resolve("libavcodec.so.62")).exists();
        binaries.verify();
    }

    /**
     * The parent-death signal is tied to the thread that started the process: when that thread
     * ends, the kernel kills the process (as it does when the whole service is killed).
     */
    @Test
    void aProcessDiesWithTheThreadThatStartedIt() throws Exception {
        assertThat(ParentDeathSignal.detect().available()).as("setpriv (util-linux) works here").isTrue();
        FfmpegBinaries binaries = TestMedia.binaries();
        AtomicReference<Process> started = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                // -re: one minute of input takes one minute of wall time
                Process process = binaries.processBuilder(binaries.ffmpeg(), List.of("-hide_banner", "-loglevel", "error",
                                "-re", "-f", "lavfi", "-i", "testsrc2=s=160x120:d=60", "-f", "null", "-"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                started.set(process);
                // setpriv arms the signal just before it execs ffmpeg: a thread that ended before
                // that would leave the process running (the service's threads wait for theirs)
                while (!process.info().command().orElse("").endsWith("/ffmpeg")) {
                    Thread.sleep(10);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        starter.start();
        starter.join();
        Process ffmpeg = started.get();

        assertThat(ffmpeg.waitFor(10, TimeUnit.SECONDS)).as("ffmpeg ended after its thread").isTrue();
        assertThat(ffmpeg.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    }

    @Test
    void missingLibpulseNamesTheFix() {
        String message = FfmpegBinaries.explainStartFailure(Path.of("/data/ffmpeg/ffmpeg"),
                "/data/ffmpeg/ffmpeg: error while loading shared libraries: libpulse.so.0: "
                        + "cannot open shared object file: No such file or directory\n");

        assertThat(message).contains("libpulse.so.0", "apt-get install -y libpulse0", "system ffmpeg");
    }

    @Test
    void aMissingSystemFfmpegFailsVerification(@TempDir Path temp) {
        FfmpegBinaries binaries = FfmpegBinaries.system(temp.resolve("nope/ffmpeg"), temp.resolve("nope/ffprobe"));

        assertThatThrownBy(binaries::verify).isInstanceOf(FfmpegUnavailableException.class)
                .hasMessageContaining("Cannot start");
    }

    @Test
    void anExecutableThatCannotLoadLibpulseIsExplained(@TempDir Path temp) throws Exception {
        Path fake = temp.resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\necho \"$0: error while loading shared libraries: libpulse.so.0: "
                + "cannot open shared object file: No such file or directory\" >&2\nexit 127\n");
        fake.toFile().setExecutable(true);

        assertThatThrownBy(FfmpegBinaries.system(fake, fake)::verify)
                .isInstanceOf(FfmpegUnavailableException.class)
                .hasMessageContaining("apt-get install -y libpulse0");
    }
}
