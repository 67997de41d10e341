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
        assertThat(p.contentMd5()).contains(md5("bbbaaa"));
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
    void copiesADirectoryAndPublishesAPrefix() throws Exception {
        Path out = Files.createDirectories(dir.resolve("encoder-out/720"));
        Files.writeString(out.getParent().resolve("master.m3u8"), "#EXTM3U");
        Files.writeString(out.resolve("seg1.m4s"), "seg");
        store.copyDirectory(dir.resolve("encoder-out"), C, "tmp-123");
        assertThat(store.getProperties(C, "tmp-123/master.m3u8").orElseThrow().contentType())
                .isEqualTo("application/vnd.apple.mpegurl");

        store.putBlob(C, "hls/stale.m3u8", in("old"), opts());
        store.movePrefix(C, "tmp-123", "hls");
        assertThat(store.listBlobs(C, "")).extracting(BlobItem::name).containsExactly("hls/720/seg1.m4s", "hls/master.m3u8");
        assertThat(store.getProperties(C, "hls/master.m3u8").orElseThrow().contentMd5()).contains(md5("#EXTM3U"));
        assertThatThrownBy(() -> store.movePrefix(C, "tmp-123", "hls")).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.movePrefix(C, "hls", "../escape")).isInstanceOf(InvalidBlobNameException.class);
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
