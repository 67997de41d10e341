package io.mediaconnector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemBlobStoreTest {

    private static final String C = "asset-0914435d-8a57-4d3e-9c2a-3f2b51e4a7c1";

    @TempDir
    Path dir;
    Path root;
    FileSystemBlobStore store;

    @BeforeEach
    void setUp() throws IOException {
        root = dir.resolve("store");
        store = new FileSystemBlobStore(root);
    }

    @Test
    void putThenReadWholeAndRange() throws Exception {
        BlobProperties p = store.putBlob(C, "video.mp4", in("hello world"), opts().withContentType("video/mp4"));
        assertThat(p.length()).isEqualTo(11);
        assertThat(p.contentMd5()).contains(md5("hello world"));
        assertThat(p.contentType()).isEqualTo("video/mp4");
        assertThat(p.etag()).startsWith("\"0x");
        assertThat(read(C, "video.mp4", Optional.empty())).isEqualTo("hello world");
        assertThat(read(C, "video.mp4", Optional.of(ByteRange.of(6, 100)))).isEqualTo("world");
        assertThat(read(C, "video.mp4", Optional.of(ByteRange.from(4)))).isEqualTo("o world");
        assertThatThrownBy(() -> store.openForRead(C, "video.mp4", Optional.of(ByteRange.from(11))))
                .isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> store.openForRead(C, "nope.mp4", Optional.empty())).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void replacingChangesTheEtag() throws Exception {
        String first = store.putBlob(C, "a", in("one"), opts()).etag();
        String second = store.putBlob(C, "a", in("two"), opts()).etag();
        assertThat(second).isNotEqualTo(first);
        assertThat(store.getProperties(C, "a").orElseThrow().etag()).isEqualTo(second);
    }

    @Test
    void md5MismatchStoresNothing() throws Exception {
        assertThatThrownBy(() -> store.putBlob(C, "a", in("data"), opts().withExpectedMd5(md5("other"))))
                .isInstanceOfSatisfying(ContentMismatchException.class,
                        e -> assertThat(e.check()).isEqualTo(ContentMismatchException.Check.MD5));
        assertThat(store.getProperties(C, "a")).isEmpty();
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
    }

    @Test
    void shortBodyAndAbortedStreamStoreNothing() throws Exception {
        assertThatThrownBy(() -> store.putBlob(C, "a", in("data"), opts().withExpectedLength(10)))
                .isInstanceOf(ContentMismatchException.class);
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.putBlob(C, "a", failing, opts())).isInstanceOf(IOException.class);
        assertThat(store.getProperties(C, "a")).isEmpty();
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
    }

    @Test
    void tooLargeStoresNothing() throws Exception {
        assertThatThrownBy(() -> store.putBlob(C, "a", in("0123456789"), WriteOptions.limitedTo(9)))
                .isInstanceOf(ContentTooLargeException.class);
        assertThat(store.getProperties(C, "a")).isEmpty();
    }

    @Test
    void blocksStageIdempotentlyCommitInOrderAndCleanUp() throws Exception {
        store.stageBlock(C, "v.mp4", "QUFB", in("xx"), opts());
        store.stageBlock(C, "v.mp4", "QUFB", in("aaa"), opts()); // re-sent: replaces
        store.stageBlock(C, "v.mp4", "QkJC", in("bbb"), opts());
        store.stageBlock(C, "v.mp4", "Q0ND", in("never committed"), opts());
        BlockList staged = store.getBlockList(C, "v.mp4");
        assertThat(staged.committed()).isEmpty();
        assertThat(staged.uncommitted()).extracting(BlockList.Block::id).containsExactlyInAnyOrder("QUFB", "QkJC", "Q0ND");

        BlobProperties p = store.commitBlockList(C, "v.mp4",
                List.of(BlockReference.latest("QkJC"), new BlockReference(BlockReference.BlockSource.UNCOMMITTED, "QUFB")),
                CommitOptions.limitedTo(100));
        assertThat(read(C, "v.mp4", Optional.empty())).isEqualTo("bbbaaa");
        assertThat(p.contentMd5()).isEmpty(); // as in Azure: no whole-blob MD5 unless the client declares one
        BlockList after = store.getBlockList(C, "v.mp4");
        assertThat(after.committed()).containsExactly(new BlockList.Block("QkJC", 3), new BlockList.Block("QUFB", 3));
        assertThat(after.uncommitted()).isEmpty();

        // Re-commit mixing a committed block and a new one.
        store.stageBlock(C, "v.mp4", "RERE", in("ddd"), opts());
        store.commitBlockList(C, "v.mp4", List.of(new BlockReference(BlockReference.BlockSource.COMMITTED, "QUFB"),
                BlockReference.latest("RERE")), CommitOptions.limitedTo(100));
        assertThat(read(C, "v.mp4", Optional.empty())).isEqualTo("aaaddd");
    }

    @Test
    void unknownBlockIsAnInvalidBlockListAndChangesNothing() throws Exception {
        store.putBlob(C, "v", in("old"), opts());
        store.stageBlock(C, "v", "QUFB", in("new"), opts());
        assertThatThrownBy(() -> store.commitBlockList(C, "v", List.of(BlockReference.latest("QUFB"),
                BlockReference.latest("WldX")), CommitOptions.limitedTo(100))).isInstanceOf(InvalidBlockListException.class);
        assertThatThrownBy(() -> store.commitBlockList(C, "v", List.of(new BlockReference(BlockReference.BlockSource.COMMITTED,
                "QUFB")), CommitOptions.limitedTo(100))).isInstanceOf(InvalidBlockListException.class);
        assertThat(read(C, "v", Optional.empty())).isEqualTo("old");
        assertThat(store.getBlockList(C, "v").uncommitted()).hasSize(1);
    }

    @Test
    void committedTotalIsLimited() throws Exception {
        store.stageBlock(C, "v", "QUFB", in("12345"), opts());
        store.stageBlock(C, "v", "QkJC", in("12345"), opts());
        assertThatThrownBy(() -> store.commitBlockList(C, "v", List.of(BlockReference.latest("QUFB"),
                BlockReference.latest("QkJC")), CommitOptions.limitedTo(9))).isInstanceOf(ContentTooLargeException.class);
        assertThat(store.getProperties(C, "v")).isEmpty();
    }

    @Test
    void clientSuppliedMd5IsStoredOnCommit() throws Exception {
        store.stageBlock(C, "v", "QUFB", in("abc"), opts());
        byte[] declared = md5("abc");
        BlobProperties p = store.commitBlockList(C, "v", List.of(BlockReference.latest("QUFB")),
                new CommitOptions(100, Optional.of(declared), "video/mp4"));
        assertThat(p.contentMd5()).contains(declared);
        assertThat(p.contentType()).isEqualTo("video/mp4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "%2e%2e", "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "a/../../b", "a/./b",
            "a\\..\\b", "a\u0000b", "a//b", "a/", "x%2fy", "meta#meta", "c:/windows"})
    void refusesDangerousBlobNames(String name) {
        assertThatThrownBy(() -> store.putBlob(C, name, in("x"), opts())).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.getProperties(C, name)).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.stageBlock(C, name, "QUFB", in("x"), opts())).isInstanceOf(InvalidBlobNameException.class);
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
        assertThat(Files.exists(dir.resolve("b"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../asset-1", "Asset-1", "a", "asset--1", "asset-1/..", "/etc", "%2e%2e", "-asset"})
    void refusesDangerousContainerNames(String container) {
        assertThatThrownBy(() -> store.putBlob(container, "x", in("x"), opts())).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.deleteContainer(container)).isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void blockIdsNeverBecomePaths() throws Exception {
        store.stageBlock(C, "v", "../../x", in("x"), opts()); // opaque: hex-encoded on disk
        assertThat(store.getBlockList(C, "v").uncommitted()).extracting(BlockList.Block::id).containsExactly("../../x");
        assertThat(Files.exists(root.resolve("staging/x"))).isFalse();
        assertThatThrownBy(() -> store.stageBlock(C, "v", "a\u0000", in("x"), opts()))
                .isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void listsDeletesAndDeletesContainers() throws Exception {
        store.putBlob(C, "orig.mp4", in("o"), opts());
        store.putBlob(C, "hls/720/seg1.m4s", in("s"), opts());
        store.putBlob(C, "hls/master.m3u8", in("m"), opts());
        assertThat(store.listBlobs(C, "")).extracting(BlobItem::name)
                .containsExactly("hls/720/seg1.m4s", "hls/master.m3u8", "orig.mp4");
        assertThat(store.listBlobs(C, "hls/")).hasSize(2);
        assertThat(store.deleteBlob(C, "orig.mp4")).isTrue();
        assertThat(store.deleteBlob(C, "orig.mp4")).isFalse();
        store.deleteContainer(C);
        assertThat(store.listBlobs(C, "")).isEmpty();
        store.deleteContainer(C);
    }

    @Test
    void movesADirectoryInAndPublishesAPrefix() throws Exception {
        Path out = Files.createDirectories(dir.resolve("encoder-out/720"));
        Files.writeString(out.getParent().resolve("master.m3u8"), "#EXTM3U");
        Files.writeString(out.resolve("seg1.m4s"), "seg");
        store.moveDirectory(dir.resolve("encoder-out"), C, "tmp-123");
        assertThat(store.getProperties(C, "tmp-123/master.m3u8").orElseThrow().contentType())
                .isEqualTo("application/vnd.apple.mpegurl");
        assertThat(out.resolve("seg1.m4s")).doesNotExist();
        assertThat(out.getParent().resolve("master.m3u8")).doesNotExist();

        store.putBlob(C, "hls/stale.m3u8", in("old"), opts());
        store.movePrefix(C, "tmp-123", "hls");
        assertThat(store.listBlobs(C, "")).extracting(BlobItem::name).containsExactly("hls/720/seg1.m4s", "hls/master.m3u8");
        assertThat(read(C, "hls/master.m3u8", Optional.empty())).isEqualTo("#EXTM3U");
        assertThat(read(C, "hls/720/seg1.m4s", Optional.empty())).isEqualTo("seg");
        assertThatThrownBy(() -> store.movePrefix(C, "tmp-123", "hls")).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.movePrefix(C, "hls", "../escape")).isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void movesInFilesFromAnotherFileSystemByCopying() throws Exception {
        Path elsewhere = Files.createTempDirectory(Path.of("/dev/shm"), "blob-store-test-");
        try {
            assertThat(Files.getFileStore(elsewhere)).as("/dev/shm is its own file system")
                    .isNotEqualTo(Files.getFileStore(dir));
            Files.writeString(elsewhere.resolve("poster.jpg"), "jpeg");
            store.moveDirectory(elsewhere, C, "thumbs");
            assertThat(read(C, "thumbs/poster.jpg", Optional.empty())).isEqualTo("jpeg");
            assertThat(store.getProperties(C, "thumbs/poster.jpg").orElseThrow().contentType()).isEqualTo("image/jpeg");
            assertThat(elsewhere.resolve("poster.jpg")).doesNotExist();
        } finally {
            Files.deleteIfExists(elsewhere.resolve("poster.jpg"));
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void rangesAcrossBlockBoundaries() throws Exception {
        store.stageBlock(C, "v", "QUFB", in("0123"), opts());
        store.stageBlock(C, "v", "QkJC", in("4567"), opts());
        store.stageBlock(C, "v", "Q0ND", in("89"), opts());
        store.commitBlockList(C, "v", List.of(BlockReference.latest("QUFB"), BlockReference.latest("QkJC"),
                BlockReference.latest("Q0ND")), CommitOptions.limitedTo(100));
        String all = "0123456789";
        for (int first = 0; first < 10; first++) {
            for (int last = first; last < 12; last++) {
                assertThat(read(C, "v", Optional.of(ByteRange.of(first, last))))
                        .as("bytes %d-%d", first, last).isEqualTo(all.substring(first, Math.min(last + 1, 10)));
            }
            assertThat(read(C, "v", Optional.of(ByteRange.from(first)))).isEqualTo(all.substring(first));
        }
        assertThat(read(C, "v", Optional.empty())).isEqualTo(all);
        assertThat(store.getProperties(C, "v").orElseThrow().length()).isEqualTo(10);
        try (BlobRead r = store.openForRead(C, "v", Optional.of(ByteRange.of(2, 8)))) {
            assertThat(r.offset()).isEqualTo(2);
            assertThat(r.length()).isEqualTo(7);
            assertThat(r.isPartial()).isTrue();
            assertThat(r.content().skip(3)).isEqualTo(3); // 2..4 skipped, crosses into the second block
            assertThat((char) r.content().read()).isEqualTo('5');
            assertThat(new String(r.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("678");
            assertThat(r.content().read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> store.openForRead(C, "v", Optional.of(ByteRange.from(10))))
                .isInstanceOf(InvalidRangeException.class);
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
        Path aaa = blockFiles(blobDir).stream().filter(f -> size(f) == 3 && content(f).equals("aaa")).findFirst().orElseThrow();
        Object inode = Files.readAttributes(aaa, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        // Re-commit: AAA stays committed (same file, not copied), BBB is dropped, CCC is new; BBB re-staged under
        // the same id as a committed block wins with Latest.
        store.stageBlock(C, "v", "Q0ND", in("ccc"), opts());
        store.stageBlock(C, "v", "QkJC", in("BBB"), opts());
        store.commitBlockList(C, "v", List.of(new BlockReference(BlockReference.BlockSource.COMMITTED, "QUFB"),
                BlockReference.latest("Q0ND"), BlockReference.latest("QkJC"),
                new BlockReference(BlockReference.BlockSource.COMMITTED, "QUFB")), CommitOptions.limitedTo(100));
        assertThat(read(C, "v", Optional.empty())).isEqualTo("aaacccBBBaaa");
        assertThat(store.getBlockList(C, "v").committed()).extracting(BlockList.Block::id)
                .containsExactly("QUFB", "Q0ND", "QkJC", "QUFB");
        assertThat(blockFiles(blobDir)).hasSize(3); // old "bbb" deleted, "aaa" referenced twice
        assertThat(Files.readAttributes(aaa, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);

        // Replacing by Put Blob leaves one block file; its committed block list is empty, as in Azure.
        store.putBlob(C, "v", in("whole"), opts());
        assertThat(blockFiles(blobDir)).hasSize(1);
        assertThat(store.getBlockList(C, "v").committed()).isEmpty();
        assertThat(read(C, "v", Optional.empty())).isEqualTo("whole");
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

        store.beforeManifestSwap = () -> {
            throw new IllegalStateException("simulated crash before the manifest rename");
        };
        assertThatThrownBy(() -> store.commitBlockList(C, "v", list, CommitOptions.limitedTo(100)))
                .hasMessageContaining("simulated crash");
        assertThat(read(C, "v", Optional.empty())).isEqualTo("old content");
        assertThat(store.getProperties(C, "v")).contains(before);
        assertThat(filesUnder(blobDir)).containsExactlyInAnyOrderElementsOf(filesBefore); // nothing half-added
        assertThat(store.getBlockList(C, "v").uncommitted()).hasSize(2); // so the client can retry

        // Same for a replacing Put Blob.
        assertThatThrownBy(() -> store.putBlob(C, "v", in("other"), opts())).hasMessageContaining("simulated crash");
        assertThat(read(C, "v", Optional.empty())).isEqualTo("old content");
        assertThat(filesUnder(blobDir)).containsExactlyInAnyOrderElementsOf(filesBefore);
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();

        // A crash that left a stray block file behind is cleaned up by the next successful commit.
        Files.writeString(blobDir.resolve("b-stray.blk"), "junk");
        store.beforeManifestSwap = () -> { };
        store.commitBlockList(C, "v", list, CommitOptions.limitedTo(100));
        assertThat(read(C, "v", Optional.empty())).isEqualTo("new content");
        assertThat(store.getProperties(C, "v").orElseThrow().etag()).isNotEqualTo(before.etag());
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
        assertThat(read(C, "v", Optional.empty())).isEqualTo("replacement");
    }

    @Test
    void concurrentStagingThenOneCommit() throws Exception {
        int blocks = 32;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<StagedBlock>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                int n = i;
                futures.add(pool.submit(() -> store.stageBlock(C, "big.mp4", blockId(n),
                        new ByteArrayInputStream(blockData(n)), WriteOptions.limitedTo(1 << 20).withExpectedMd5(md5(blockData(n))))));
            }
            for (java.util.concurrent.Future<StagedBlock> f : futures) {
                assertThat(f.get().length()).isEqualTo(10_000);
            }
        } finally {
            pool.shutdownNow();
        }
        List<BlockReference> list = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < blocks; i++) {
            list.add(BlockReference.latest(blockId(i)));
            expected.write(blockData(i));
        }
        BlobProperties p = store.commitBlockList(C, "big.mp4", list, CommitOptions.limitedTo(1 << 20));
        assertThat(p.length()).isEqualTo(blocks * 10_000L);
        try (BlobRead r = store.openForRead(C, "big.mp4", Optional.empty())) {
            assertThat(r.content().readAllBytes()).isEqualTo(expected.toByteArray());
        }
        try (BlobRead r = store.openForRead(C, "big.mp4", Optional.of(ByteRange.of(9_990, 20_009)))) {
            assertThat(r.content().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(expected.toByteArray(), 9_990, 20_010));
        }
    }

    @Test
    void readsSpanningMoreBlocksThanAreOpenedEagerly() throws Exception {
        int blocks = FileSystemBlobStore.EAGER_OPEN_LIMIT + 10;
        List<BlockReference> list = new java.util.ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < blocks; i++) {
            String data = "<" + i + ">";
            store.stageBlock(C, "v", blockId(i), in(data), opts());
            list.add(BlockReference.latest(blockId(i)));
            expected.append(data);
        }
        store.commitBlockList(C, "v", list, CommitOptions.limitedTo(1 << 20));
        assertThat(read(C, "v", Optional.empty())).isEqualTo(expected.toString());
        assertThat(read(C, "v", Optional.of(ByteRange.from(5)))).isEqualTo(expected.substring(5));
    }

    @Test
    void aBlobAndBlobsUnderItsNameCoexist() throws Exception {
        store.putBlob(C, "hls", in("file"), opts());
        store.putBlob(C, "hls/master.m3u8", in("m"), opts());
        assertThat(store.listBlobs(C, "")).extracting(BlobItem::name).containsExactly("hls", "hls/master.m3u8");
        assertThat(store.listBlobs(C, "hls/")).extracting(BlobItem::name).containsExactly("hls/master.m3u8");
        assertThat(store.listBlobs(C, "hl")).hasSize(2);
        assertThat(store.listBlobs(C, "x")).isEmpty();
        store.stageBlock(C, "pending", "QUFB", in("p"), opts()); // staged only: not listed
        assertThat(store.listBlobs(C, "")).hasSize(2);
        assertThat(read(C, "hls", Optional.empty())).isEqualTo("file");
    }

    @Test
    void multiBufferBodiesKeepEveryCheck() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 123];
        new java.util.Random(7).nextBytes(data);
        BlobProperties p = store.putBlob(C, "big", new ByteArrayInputStream(data),
                WriteOptions.limitedTo(1 << 30).withExpectedMd5(md5(data)).withExpectedLength(data.length));
        assertThat(p.contentMd5()).contains(md5(data));
        try (BlobRead r = store.openForRead(C, "big", Optional.empty())) {
            assertThat(r.content().readAllBytes()).isEqualTo(data);
        }
        byte[] other = data.clone();
        other[3 * 1024 * 1024] ^= 1;
        assertThatThrownBy(() -> store.putBlob(C, "big", new ByteArrayInputStream(other),
                WriteOptions.limitedTo(1 << 30).withExpectedMd5(md5(data)))).isInstanceOf(ContentMismatchException.class);
        assertThatThrownBy(() -> store.putBlob(C, "big", new ByteArrayInputStream(data), WriteOptions.limitedTo(3 << 20)))
                .isInstanceOf(ContentTooLargeException.class);
        InputStream failing = new InputStream() {
            long n;

            @Override
            public int read() throws IOException {
                if (n++ > 4L << 20) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.putBlob(C, "big", failing, WriteOptions.limitedTo(1 << 30)))
                .isInstanceOf(IOException.class).isNotInstanceOf(ContentTooLargeException.class);
        try (BlobRead r = store.openForRead(C, "big", Optional.empty())) {
            assertThat(r.content().readAllBytes()).isEqualTo(data); // still the first version
        }
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
    }

    private static String blockId(int n) {
        return java.util.Base64.getEncoder().encodeToString(String.format("block-%06d", n).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] blockData(int n) {
        byte[] data = new byte[10_000];
        new java.util.Random(n).nextBytes(data);
        return data;
    }

    static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }

    private static List<Path> blockFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".blk")).toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String content(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private WriteOptions opts() {
        return WriteOptions.limitedTo(1 << 20);
    }

    private String read(String container, String blob, Optional<ByteRange> range) throws IOException {
        try (BlobRead read = store.openForRead(container, blob, range)) {
            return new String(read.content().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] md5(String s) throws Exception {
        return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> filesUnder(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.toList();
        }
    }
}
