package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
