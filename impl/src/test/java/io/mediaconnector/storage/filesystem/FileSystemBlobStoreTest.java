package io.mediaconnector.storage.filesystem;

import static io.mediaconnector.storage.Bodies.failingAfter;
import static io.mediaconnector.storage.Bodies.in;
import static io.mediaconnector.storage.Bodies.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediaconnector.storage.BlobProperties;
import io.mediaconnector.storage.BlobRead;
import io.mediaconnector.storage.BlockList;
import io.mediaconnector.storage.BlockReference;
import io.mediaconnector.storage.ByteRange;
import io.mediaconnector.storage.CommitOptions;
import io.mediaconnector.storage.ContentMismatchException;
import io.mediaconnector.storage.ContentTooLargeException;
import io.mediaconnector.storage.DiskSpace;
import io.mediaconnector.storage.InvalidBlobNameException;
import io.mediaconnector.storage.StorageFullException;
import io.mediaconnector.storage.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only the file-system store does: blocks are linked, never copied; a write that fails
 * leaves no file behind; a crash before the manifest rename leaves the old blob, and what it left
 * is cleaned up later; open reads keep their version; names never leave the root.
 */
class FileSystemBlobStoreTest {

    private static final String C = "asset-0914435d-8a57-4d3e-9c2a-3f2b51e4a7c1";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;
    Path root;
    /** Set to make the next commit fail just before its manifest rename, as a crash there would. */
    final AtomicBoolean crashBeforeSwap = new AtomicBoolean();
    FileSystemBlobStore store;

    @BeforeEach
    void setUp() throws IOException {
        root = dir.resolve("store");
        store = new FileSystemBlobStore(root, Clock.fixed(NOW, ZoneOffset.UTC), new DiskSpace(dir, 0), () -> {
            if (crashBeforeSwap.get()) {
                throw new IllegalStateException("simulated crash before the manifest rename");
            }
        });
    }

    @Test
    void lastModifiedComesFromTheClock() throws Exception {
        assertThat(store.putBlob(C, "a", in("x"), opts()).lastModified()).isEqualTo(NOW);
    }

    @Test
    void failedWritesLeaveNoTempFiles() throws Exception {
        assertThatThrownBy(() -> store.putBlob(C, "a", in("data"), opts().withExpectedMd5(md5("other"))))
                .isInstanceOf(ContentMismatchException.class);
        assertThatThrownBy(() -> store.putBlob(C, "a", in("data"), opts().withExpectedLength(10)))
                .isInstanceOf(ContentMismatchException.class);
        assertThatThrownBy(() -> store.putBlob(C, "a", failingAfter(4L << 20), WriteOptions.limitedTo(1 << 30)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.stageBlock(C, "a", "QUFB", in("0123456789"), WriteOptions.limitedTo(9)))
                .isInstanceOf(ContentTooLargeException.class);
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
    }

    @Test
    void whatAKilledRunLeftInTmpIsRemovedAtStart() throws Exception {
        Files.writeString(root.resolve("tmp/put-123.part"), "half an upload");
        Files.createDirectories(root.resolve("tmp/trash-1/a#blob"));
        new FileSystemBlobStore(root, Clock.systemUTC(), new DiskSpace(dir, 0));
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
    }

    @Test
    void uploadsAreRefusedUpFrontBelowTheDiskReserveButPublishingGoesOn() throws Exception {
        FileSystemBlobStore full = new FileSystemBlobStore(root, Clock.systemUTC(), new DiskSpace(dir, Long.MAX_VALUE));
        store.stageBlock(C, "v", "QUFB", in("staged before"), opts());
        assertThatThrownBy(() -> full.putBlob(C, "a", in("x"), opts())).isInstanceOf(StorageFullException.class);
        assertThatThrownBy(() -> full.stageBlock(C, "a", "QUFB", in("x"), opts())).isInstanceOf(StorageFullException.class);
        assertThatThrownBy(() -> full.putBlob(C, "../x", in("x"), opts())).as("names are checked first")
                .isInstanceOf(InvalidBlobNameException.class);
        assertThat(full.getProperties(C, "a")).isEmpty();
        // What is already uploaded can still be committed, and encoder outputs still published.
        full.commitBlockList(C, "v", List.of(BlockReference.latest("QUFB")), CommitOptions.limitedTo(100));
        Path out = Files.createDirectories(dir.resolve("encoder-out"));
        Files.writeString(out.resolve("master.m3u8"), "#EXTM3U");
        full.moveDirectory(out, C, "outputs");
        assertThat(full.listBlobs(C, "")).extracting(io.mediaconnector.storage.BlobItem::name)
                .containsExactly("outputs/master.m3u8", "v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "%2e%2e/%2e%2e/x", "/x", "a/../../x", "a\\..\\x"})
    void namesNeverLeaveTheRoot(String name) {
        assertThatThrownBy(() -> store.putBlob(C, name, in("x"), opts())).isInstanceOf(InvalidBlobNameException.class);
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(root.resolve("x")).doesNotExist();
        assertThat(root.resolve("blobs/x")).doesNotExist();
    }

    @Test
    void blockIdsNeverBecomePaths() throws Exception {
        store.stageBlock(C, "v", "../../x", in("x"), opts()); // opaque: hex-encoded on disk
        assertThat(root.resolve("staging/x")).doesNotExist();
        assertThat(root.resolve("x")).doesNotExist();
    }

    @Test
    void commitDoesNotCopyAndReCommitKeepsReferencedBlocksOnly() throws Exception {
        store.stageBlock(C, "v", "QUFB", in("aaa"), opts());
        store.stageBlock(C, "v", "QkJC", in("bbb"), opts());
        store.commitBlockList(C, "v", List.of(BlockReference.latest("QUFB"), BlockReference.latest("QkJC")),
                CommitOptions.limitedTo(100));
        Path blobDir = root.resolve("blobs/" + C + "/v#blob");
        assertThat(blockFiles(blobDir)).hasSize(2);
        assertThat(filesUnder(root.resolve("staging/" + C))).isEmpty();
        Path aaa = blockFiles(blobDir).stream().filter(f -> content(f).equals("aaa")).findFirst().orElseThrow();
        Object inode = Files.readAttributes(aaa, BasicFileAttributes.class).fileKey();

        // Re-commit: AAA stays committed (same file, not copied), BBB is dropped, CCC is new; BBB re-staged under
        // the same id as a committed block wins with Latest.
        store.stageBlock(C, "v", "Q0ND", in("ccc"), opts());
        store.stageBlock(C, "v", "QkJC", in("BBB"), opts());
        store.commitBlockList(C, "v", List.of(new BlockReference(BlockReference.BlockSource.COMMITTED, "QUFB"),
                BlockReference.latest("Q0ND"), BlockReference.latest("QkJC"),
                new BlockReference(BlockReference.BlockSource.COMMITTED, "QUFB")), CommitOptions.limitedTo(100));
        assertThat(read("v")).isEqualTo("aaacccBBBaaa");
        assertThat(store.getBlockList(C, "v").committed()).extracting(BlockList.Block::id)
                .containsExactly("QUFB", "Q0ND", "QkJC", "QUFB");
        assertThat(blockFiles(blobDir)).hasSize(3); // old "bbb" deleted, "aaa" referenced twice
        assertThat(Files.readAttributes(aaa, BasicFileAttributes.class).fileKey()).isEqualTo(inode);

        // Replacing by Put Blob leaves one block file; its committed block list is empty, as in Azure.
        store.putBlob(C, "v", in("whole"), opts());
        assertThat(blockFiles(blobDir)).hasSize(1);
        assertThat(store.getBlockList(C, "v").committed()).isEmpty();
        assertThat(read("v")).isEqualTo("whole");
    }

    @Test
    void aFailedCommitLeavesTheOldBlobAndTheStagedBlocks() throws Exception {
        store.putBlob(C, "v", in("old content"), opts().withContentType("video/mp4"));
        BlobProperties before = store.getProperties(C, "v").orElseThrow();
        Path blobDir = root.resolve("blobs/" + C + "/v#blob");
        List<Path> filesBefore = filesUnder(blobDir);
        store.stageBlock(C, "v", "QUFB", in("new "), opts());
        store.stageBlock(C, "v", "QkJC", in("content"), opts());
        List<BlockReference> list = List.of(BlockReference.latest("QUFB"), BlockReference.latest("QkJC"));

        crashBeforeSwap.set(true);
        assertThatThrownBy(() -> store.commitBlockList(C, "v", list, CommitOptions.limitedTo(100)))
                .hasMessageContaining("simulated crash");
        assertThat(read("v")).isEqualTo("old content");
        assertThat(store.getProperties(C, "v")).contains(before);
        assertThat(filesUnder(blobDir)).containsExactlyInAnyOrderElementsOf(filesBefore); // nothing half-added
        assertThat(store.getBlockList(C, "v").uncommitted()).hasSize(2); // so the client can retry

        // Same for a replacing Put Blob.
        assertThatThrownBy(() -> store.putBlob(C, "v", in("other"), opts())).hasMessageContaining("simulated crash");
        assertThat(read("v")).isEqualTo("old content");
        assertThat(filesUnder(blobDir)).containsExactlyInAnyOrderElementsOf(filesBefore);
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();

        // A crash that left a stray block file behind is cleaned up by the next successful commit.
        Files.writeString(blobDir.resolve("b-stray.blk"), "junk");
        crashBeforeSwap.set(false);
        store.commitBlockList(C, "v", list, CommitOptions.limitedTo(100));
        assertThat(read("v")).isEqualTo("new content");
        assertThat(filesUnder(blobDir)).hasSize(3).noneMatch(p -> p.getFileName().toString().equals("b-stray.blk"));
    }

    @Test
    void anOpenReadKeepsItsVersionWhenTheBlobIsReplaced() throws Exception {
        store.stageBlock(C, "v", "QUFB", in("first-"), opts());
        store.stageBlock(C, "v", "QkJC", in("version"), opts());
        store.commitBlockList(C, "v", List.of(BlockReference.latest("QUFB"), BlockReference.latest("QkJC")),
                CommitOptions.limitedTo(100));
        try (BlobRead r = store.openForRead(C, "v", Optional.empty())) {
            assertThat((char) r.content().read()).isEqualTo('f');
            store.putBlob(C, "v", in("replacement"), opts());
            assertThat(new String(r.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("irst-version");
        }
        assertThat(read("v")).isEqualTo("replacement");
    }

    @Test
    void readsSpanningMoreBlocksThanAreOpenedEagerly() throws Exception {
        int blocks = SegmentedInputStream.EAGER_OPEN_LIMIT + 10;
        List<BlockReference> list = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < blocks; i++) {
            String data = "<" + i + ">";
            String id = java.util.Base64.getEncoder().encodeToString(String.format("block-%06d", i).getBytes(StandardCharsets.US_ASCII));
            store.stageBlock(C, "v", id, in(data), opts());
            list.add(BlockReference.latest(id));
            expected.append(data);
        }
        store.commitBlockList(C, "v", list, CommitOptions.limitedTo(1 << 20));
        assertThat(read("v")).isEqualTo(expected.toString());
        try (BlobRead r = store.openForRead(C, "v", Optional.of(ByteRange.from(5)))) {
            assertThat(new String(r.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.substring(5));
        }
    }

    @Test
    void movesInFilesFromAnotherFileSystemByCopying() throws Exception {
        Path elsewhere = Files.createTempDirectory(Path.of("/dev/shm"), "blob-store-test-");
        try {
            assertThat(Files.getFileStore(elsewhere)).as("/dev/shm is its own file system")
                    .isNotEqualTo(Files.getFileStore(dir));
            Files.writeString(elsewhere.resolve("poster.jpg"), "jpeg");
            store.moveDirectory(elsewhere, C, "thumbs");
            assertThat(read("thumbs/poster.jpg")).isEqualTo("jpeg");
            assertThat(store.getProperties(C, "thumbs/poster.jpg").orElseThrow().contentType()).isEqualTo("image/jpeg");
            assertThat(elsewhere.resolve("poster.jpg")).doesNotExist();
        } finally {
            Files.deleteIfExists(elsewhere.resolve("poster.jpg"));
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void movingADirectoryInRenamesItsFiles() throws Exception {
        Path out = Files.createDirectories(dir.resolve("encoder-out"));
        Path segment = Files.writeString(out.resolve("seg1.m4s"), "seg");
        Object inode = Files.readAttributes(segment, BasicFileAttributes.class).fileKey();
        store.moveDirectory(out, C, "outputs");
        Path blobDir = root.resolve("blobs/" + C + "/outputs/seg1.m4s#blob");
        assertThat(blockFiles(blobDir)).singleElement().satisfies(block ->
                assertThat(Files.readAttributes(block, BasicFileAttributes.class).fileKey()).isEqualTo(inode));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static WriteOptions opts() {
        return WriteOptions.limitedTo(1 << 20);
    }

    private String read(String blob) throws IOException {
        try (BlobRead read = store.openForRead(C, blob, Optional.empty())) {
            return new String(read.content().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> blockFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".blk")).toList();
        }
    }

    private static String content(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> filesUnder(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.toList();
        }
    }
}
