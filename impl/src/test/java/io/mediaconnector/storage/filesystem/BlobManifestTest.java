package io.mediaconnector.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobManifestTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsThroughItsTextForm() throws Exception {
        BlobManifest manifest = BlobManifest.newVersion(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC),
                Optional.of(new byte[16]), "video/mp4", List.of(
                        new BlobManifest.Segment("QUFB", 3, "b-1.blk"),
                        new BlobManifest.Segment("../x,y z", 4, "b-2.blk"),
                        new BlobManifest.Segment(BlobManifest.NO_ID, 5, "b-3.blk")));
        BlobManifest parsed = BlobManifest.parse(new String(manifest.serialize(), StandardCharsets.UTF_8));
        assertThat(parsed.segments()).isEqualTo(manifest.segments());
        assertThat(parsed.properties()).isEqualTo(manifest.properties());
        assertThat(parsed.length()).isEqualTo(12);
        assertThat(parsed.segments().get(2).hasBlockId()).isFalse();
    }

    @Test
    void aBlobWithoutManifestHasNone() throws Exception {
        assertThat(BlobManifest.read(dir.resolve("absent#blob"))).isEmpty();
    }

    @Test
    void aDamagedManifestIsAnErrorNotAnEmptyBlob() throws IOException {
        Files.writeString(dir.resolve("manifest"), "format=1\netag=\"0x1\"\nlastModified=1\nlength=99\nblocks=- 3 b-1.blk\n");
        assertThatThrownBy(() -> BlobManifest.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        Files.writeString(dir.resolve("manifest"), "format=1\netag=\"0x1\"\nlastModified=1\nlength=3\nblocks=- 3 ../../etc/passwd\n");
        assertThatThrownBy(() -> BlobManifest.read(dir)).isInstanceOf(IOException.class);
        Files.writeString(dir.resolve("manifest"), "format=2\n");
        assertThatThrownBy(() -> BlobManifest.read(dir)).isInstanceOf(IOException.class);
    }
}
