package io.mediaconnector.storage;

import static io.mediaconnector.storage.Bodies.failingAfter;
import static io.mediaconnector.storage.Bodies.in;
import static io.mediaconnector.storage.Bodies.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything the {@link BlobStore} interface promises, run against each implementation: a
 * backend is a subclass that says how to make and dispose of a store. What only one backend
 * does (durability on disk, crash leftovers, no copies) is tested beside that backend.
 */
public abstract class BlobStoreContract {

    /** A fresh container per test, so a backend may share one account (Azurite) between tests. */
    protected final String c = "asset-" + UUID.randomUUID();

    /** Local files a test moves into the store. */
    @TempDir
    protected Path local;
    protected BlobStore store;

    /** A new, empty store of the implementation under test. */
    protected abstract BlobStore newStore() throws IOException;

    /** Releases what {@link #newStore()} made; nothing by default. */
    protected void disposeStore() throws IOException {
    }

    @BeforeEach
    void createStore() throws IOException {
        store = newStore();
    }

    @AfterEach
    void removeStore() throws IOException {
        disposeStore();
    }

    @Test
    void putThenReadWholeAndRange() throws Exception {
        BlobProperties p = store.putBlob(c, "video.mp4", in("hello world"), opts().withContentType("video/mp4"));
        assertThat(p.length()).isEqualTo(11);
        assertThat(p.contentMd5()).contains(md5("hello world"));
        assertThat(p.contentType()).isEqualTo("video/mp4");
        assertThat(p.etag()).startsWith("\"").endsWith("\"");
        assertThat(store.getProperties(c, "video.mp4")).contains(p);
        assertThat(read("video.mp4", Optional.empty())).isEqualTo("hello world");
        assertThat(read("video.mp4", Optional.of(ByteRange.of(6, 100)))).isEqualTo("world");
        assertThat(read("video.mp4", Optional.of(ByteRange.from(4)))).isEqualTo("o world");
        assertThatThrownBy(() -> store.openForRead(c, "video.mp4", Optional.of(ByteRange.from(11))))
                .isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> store.openForRead(c, "nope.mp4", Optional.empty())).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.getProperties(c, "nope.mp4")).isEmpty();
    }

    @Test
    void aBlobWithoutContentTypeIsAnOctetStream() throws Exception {
        assertThat(store.putBlob(c, "a", in("x"), opts()).contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void replacingChangesTheEtag() throws Exception {
        String first = store.putBlob(c, "a", in("one"), opts()).etag();
        String second = store.putBlob(c, "a", in("two"), opts()).etag();
        assertThat(second).isNotEqualTo(first);
        assertThat(store.getProperties(c, "a").orElseThrow().etag()).isEqualTo(second);
        assertThat(read("a", Optional.empty())).isEqualTo("two");
    }

    @Test
    void theDeclaredLengthAndMd5AreChecked() throws Exception {
        BlobProperties p = store.putBlob(c, "a", in("data"), opts().withExpectedLength(4).withExpectedMd5(md5("data")));
        assertThat(p.length()).isEqualTo(4);
        assertThatThrownBy(() -> store.putBlob(c, "b", in("data"), opts().withExpectedMd5(md5("other"))))
                .isInstanceOfSatisfying(ContentMismatchException.class,
                        e -> assertThat(e.check()).isEqualTo(ContentMismatchException.Check.MD5));
        assertThatThrownBy(() -> store.putBlob(c, "b", in("data"), opts().withExpectedLength(10)))
                .isInstanceOfSatisfying(ContentMismatchException.class,
                        e -> assertThat(e.check()).isEqualTo(ContentMismatchException.Check.LENGTH));
        assertThat(store.getProperties(c, "b")).isEmpty();
    }

    @Test
    void aFailingExtraCheckStoresNothing() throws Exception {
        WriteOptions crcRefuses = opts().withExtraCheck(() -> {
            throw new ContentMismatchException(ContentMismatchException.Check.CRC64, "crc differs");
        });
        assertThatThrownBy(() -> store.putBlob(c, "a", in("data"), crcRefuses)).isInstanceOf(ContentMismatchException.class);
        assertThatThrownBy(() -> store.stageBlock(c, "a", "QUFB", in("data"), crcRefuses))
                .isInstanceOf(ContentMismatchException.class);
        assertThat(store.getProperties(c, "a")).isEmpty();
        assertThat(store.getBlockList(c, "a").uncommitted()).isEmpty();
    }

    @Test
    void anAbortedBodyStoresNothingAndKeepsTheOldBlob() throws Exception {
        store.putBlob(c, "a", in("old"), opts());
        assertThatThrownBy(() -> store.putBlob(c, "a", failingAfter(1000), opts())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.putBlob(c, "b", failingAfter(1000), opts())).isInstanceOf(IOException.class);
        assertThat(read("a", Optional.empty())).isEqualTo("old");
        assertThat(store.getProperties(c, "b")).isEmpty();
    }

    @Test
    void tooLargeStoresNothing() throws Exception {
        assertThatThrownBy(() -> store.putBlob(c, "a", in("0123456789"), WriteOptions.limitedTo(9)))
                .isInstanceOf(ContentTooLargeException.class);
        assertThatThrownBy(() -> store.stageBlock(c, "a", "QUFB", in("0123456789"), WriteOptions.limitedTo(9)))
                .isInstanceOf(ContentTooLargeException.class);
        assertThat(store.getProperties(c, "a")).isEmpty();
        assertThat(store.getBlockList(c, "a").uncommitted()).isEmpty();
    }

    @Test
    void blocksStageIdempotentlyCommitInOrderAndCleanUp() throws Exception {
        store.stageBlock(c, "v.mp4", "QUFB", in("xx"), opts());
        store.stageBlock(c, "v.mp4", "QUFB", in("aaa"), opts()); // re-sent: replaces
        store.stageBlock(c, "v.mp4", "QkJC", in("bbb"), opts());
        store.stageBlock(c, "v.mp4", "Q0ND", in("never committed"), opts());
        BlockList staged = store.getBlockList(c, "v.mp4");
        assertThat(staged.committed()).isEmpty();
        assertThat(staged.uncommitted()).containsExactlyInAnyOrder(new BlockList.Block("QUFB", 3),
                new BlockList.Block("QkJC", 3), new BlockList.Block("Q0ND", 15));
        assertThat(store.getProperties(c, "v.mp4")).as("staged blocks are no blob").isEmpty();

        BlobProperties p = store.commitBlockList(c, "v.mp4",
                List.of(BlockReference.latest("QkJC"), new BlockReference(BlockReference.BlockSource.UNCOMMITTED, "QUFB")),
                CommitOptions.limitedTo(100));
        assertThat(p.length()).isEqualTo(6);
        assertThat(read("v.mp4", Optional.empty())).isEqualTo("bbbaaa");
        assertThat(p.contentMd5()).isEmpty(); // as in Azure: no whole-blob MD5 unless the client declares one
        BlockList after = store.getBlockList(c, "v.mp4");
        assertThat(after.committed()).containsExactly(new BlockList.Block("QkJC", 3), new BlockList.Block("QUFB", 3));
        assertThat(after.uncommitted()).as("unlisted staged blocks are discarded").isEmpty();

        // Re-commit mixing a committed block and a new one.
        store.stageBlock(c, "v.mp4", "RERE", in("ddd"), opts());
        store.commitBlockList(c, "v.mp4", List.of(new BlockReference(BlockReference.BlockSource.COMMITTED, "QUFB"),
                BlockReference.latest("RERE")), CommitOptions.limitedTo(100));
        assertThat(read("v.mp4", Optional.empty())).isEqualTo("aaaddd");
    }

    @Test
    void latestPrefersAStagedBlockToACommittedOneOfTheSameId() throws Exception {
        store.stageBlock(c, "v", "QUFB", in("old"), opts());
        store.commitBlockList(c, "v", List.of(BlockReference.latest("QUFB")), CommitOptions.limitedTo(100));
        store.stageBlock(c, "v", "QUFB", in("new"), opts());
        store.commitBlockList(c, "v", List.of(BlockReference.latest("QUFB"),
                new BlockReference(BlockReference.BlockSource.COMMITTED, "QUFB")), CommitOptions.limitedTo(100));
        assertThat(read("v", Optional.empty())).isEqualTo("newold");
    }

    @Test
    void stagingEchoesAnMd5OnlyWhenOneWasDeclared() throws Exception {
        assertThat(store.stageBlock(c, "v", "QUFB", in("abc"), opts()).md5()).isEmpty();
        StagedBlock checked = store.stageBlock(c, "v", "QkJC", in("abc"), opts().withExpectedMd5(md5("abc")));
        assertThat(checked.md5()).contains(md5("abc"));
        assertThat(checked.length()).isEqualTo(3);
    }

    @Test
    void unknownBlockIsAnInvalidBlockListAndChangesNothing() throws Exception {
        store.putBlob(c, "v", in("old"), opts());
        store.stageBlock(c, "v", "QUFB", in("new"), opts());
        assertThatThrownBy(() -> store.commitBlockList(c, "v", List.of(BlockReference.latest("QUFB"),
                BlockReference.latest("WldX")), CommitOptions.limitedTo(100))).isInstanceOf(InvalidBlockListException.class);
        assertThatThrownBy(() -> store.commitBlockList(c, "v", List.of(new BlockReference(BlockReference.BlockSource.COMMITTED,
                "QUFB")), CommitOptions.limitedTo(100))).isInstanceOf(InvalidBlockListException.class);
        assertThat(read("v", Optional.empty())).isEqualTo("old");
        assertThat(store.getBlockList(c, "v").uncommitted()).hasSize(1);
    }

    @Test
    void committedTotalIsLimited() throws Exception {
        store.stageBlock(c, "v", "QUFB", in("12345"), opts());
        store.stageBlock(c, "v", "QkJC", in("12345"), opts());
        assertThatThrownBy(() -> store.commitBlockList(c, "v", List.of(BlockReference.latest("QUFB"),
                BlockReference.latest("QkJC")), CommitOptions.limitedTo(9))).isInstanceOf(ContentTooLargeException.class);
        assertThat(store.getProperties(c, "v")).isEmpty();
        assertThat(store.getBlockList(c, "v").uncommitted()).as("so the client can retry").hasSize(2);
    }

    @Test
    void clientSuppliedMd5IsStoredOnCommit() throws Exception {
        store.stageBlock(c, "v", "QUFB", in("abc"), opts());
        byte[] declared = md5("abc");
        BlobProperties p = store.commitBlockList(c, "v", List.of(BlockReference.latest("QUFB")),
                new CommitOptions(100, Optional.of(declared), "video/mp4"));
        assertThat(p.contentMd5()).contains(declared);
        assertThat(p.contentType()).isEqualTo("video/mp4");
        assertThat(store.getProperties(c, "v")).contains(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "%2e%2e", "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "a/../../b", "a/./b",
            "a\\..\\b", "a\u0000b", "a//b", "a/", "x%2fy", "meta#meta", "c:/windows"})
    void refusesDangerousBlobNames(String name) throws Exception {
        assertThatThrownBy(() -> store.putBlob(c, name, in("x"), opts())).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.getProperties(c, name)).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.stageBlock(c, name, "QUFB", in("x"), opts())).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.openForRead(c, name, Optional.empty())).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.deleteBlob(c, name)).isInstanceOf(InvalidBlobNameException.class);
        assertThat(store.listBlobs(c, "")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../asset-1", "Asset-1", "a", "asset--1", "asset-1/..", "/etc", "%2e%2e", "-asset"})
    void refusesDangerousContainerNames(String container) {
        assertThatThrownBy(() -> store.putBlob(container, "x", in("x"), opts())).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.deleteContainer(container)).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.listBlobs(container, "")).isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void blockIdsAreOpaque() throws Exception {
        store.stageBlock(c, "v", "../../x", in("x"), opts());
        assertThat(store.getBlockList(c, "v").uncommitted()).extracting(BlockList.Block::id).containsExactly("../../x");
        store.commitBlockList(c, "v", List.of(BlockReference.latest("../../x")), CommitOptions.limitedTo(100));
        assertThat(store.getBlockList(c, "v").committed()).extracting(BlockList.Block::id).containsExactly("../../x");
        assertThatThrownBy(() -> store.stageBlock(c, "v", "a\u0000", in("x"), opts()))
                .isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void listsDeletesAndDeletesContainers() throws Exception {
        store.putBlob(c, "orig.mp4", in("o"), opts());
        store.putBlob(c, "hls/720/seg1.m4s", in("s"), opts());
        store.putBlob(c, "hls/master.m3u8", in("m"), opts());
        assertThat(store.listBlobs(c, "")).extracting(BlobItem::name)
                .containsExactly("hls/720/seg1.m4s", "hls/master.m3u8", "orig.mp4");
        assertThat(store.listBlobs(c, "hls/")).extracting(BlobItem::name).containsExactly("hls/720/seg1.m4s", "hls/master.m3u8");
        assertThat(store.listBlobs(c, "hls/")).first().satisfies(item ->
                assertThat(item.properties()).isEqualTo(store.getProperties(c, "hls/720/seg1.m4s").orElseThrow()));
        assertThat(store.deleteBlob(c, "orig.mp4")).isTrue();
        assertThat(store.deleteBlob(c, "orig.mp4")).isFalse();
        assertThat(store.getProperties(c, "orig.mp4")).isEmpty();
        store.deleteContainer(c);
        assertThat(store.listBlobs(c, "")).isEmpty();
        store.deleteContainer(c); // absent is fine
    }

    @Test
    void deletingABlobDiscardsItsStagedBlocks() throws Exception {
        store.putBlob(c, "v", in("committed"), opts());
        store.stageBlock(c, "v", "QUFB", in("staged"), opts());
        assertThat(store.deleteBlob(c, "v")).isTrue();
        assertThat(store.getBlockList(c, "v").uncommitted()).isEmpty();
        store.stageBlock(c, "w", "QUFB", in("staged only"), opts());
        assertThat(store.deleteBlob(c, "w")).as("no committed blob existed").isFalse();
        assertThat(store.getBlockList(c, "w").uncommitted()).isEmpty();
    }

    @Test
    void deletingAContainerDiscardsItsStagedBlocks() throws Exception {
        store.stageBlock(c, "v", "QUFB", in("staged"), opts());
        store.deleteContainer(c);
        assertThat(store.getBlockList(c, "v").uncommitted()).isEmpty();
    }

    @Test
    void movesADirectoryInAndPublishesAPrefix() throws Exception {
        Path out = Files.createDirectories(local.resolve("encoder-out/720"));
        Files.writeString(out.getParent().resolve("master.m3u8"), "#EXTM3U");
        Files.writeString(out.resolve("seg1.m4s"), "seg");
        store.moveDirectory(local.resolve("encoder-out"), c, "tmp-123");
        BlobProperties master = store.getProperties(c, "tmp-123/master.m3u8").orElseThrow();
        assertThat(master.contentType()).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(master.contentMd5()).as("moved blobs carry no MD5").isEmpty();
        assertThat(store.getProperties(c, "tmp-123/720/seg1.m4s").orElseThrow().contentType()).isEqualTo("video/mp4");
        assertThat(out.resolve("seg1.m4s")).doesNotExist();
        assertThat(out.getParent().resolve("master.m3u8")).doesNotExist();

        store.putBlob(c, "hls/stale.m3u8", in("old"), opts());
        store.movePrefix(c, "tmp-123", "hls");
        assertThat(store.listBlobs(c, "")).extracting(BlobItem::name).containsExactly("hls/720/seg1.m4s", "hls/master.m3u8");
        assertThat(read("hls/master.m3u8", Optional.empty())).isEqualTo("#EXTM3U");
        assertThat(read("hls/720/seg1.m4s", Optional.empty())).isEqualTo("seg");
        assertThatThrownBy(() -> store.movePrefix(c, "tmp-123", "hls")).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.movePrefix(c, "hls", "../escape")).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> store.movePrefix(c, "hls", "hls/inner")).isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void rangesAcrossBlockBoundaries() throws Exception {
        store.stageBlock(c, "v", "QUFB", in("0123"), opts());
        store.stageBlock(c, "v", "QkJC", in("4567"), opts());
        store.stageBlock(c, "v", "Q0ND", in("89"), opts());
        store.commitBlockList(c, "v", List.of(BlockReference.latest("QUFB"), BlockReference.latest("QkJC"),
                BlockReference.latest("Q0ND")), CommitOptions.limitedTo(100));
        String all = "0123456789";
        for (int first = 0; first < 10; first++) {
            for (int last = first; last < 12; last++) {
                assertThat(read("v", Optional.of(ByteRange.of(first, last))))
                        .as("bytes %d-%d", first, last).isEqualTo(all.substring(first, Math.min(last + 1, 10)));
            }
            assertThat(read("v", Optional.of(ByteRange.from(first)))).isEqualTo(all.substring(first));
        }
        assertThat(read("v", Optional.empty())).isEqualTo(all);
        assertThat(store.getProperties(c, "v").orElseThrow().length()).isEqualTo(10);
        try (BlobRead r = store.openForRead(c, "v", Optional.of(ByteRange.of(2, 8)))) {
            assertThat(r.offset()).isEqualTo(2);
            assertThat(r.length()).isEqualTo(7);
            assertThat(r.isPartial()).isTrue();
            assertThat(r.content().skip(3)).isEqualTo(3); // 2..4 skipped, crosses into the second block
            assertThat((char) r.content().read()).isEqualTo('5');
            assertThat(new String(r.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("678");
            assertThat(r.content().read()).isEqualTo(-1);
        }
        try (BlobRead whole = store.openForRead(c, "v", Optional.empty())) {
            assertThat(whole.isPartial()).isFalse();
            assertThat(whole.length()).isEqualTo(10);
        }
        assertThatThrownBy(() -> store.openForRead(c, "v", Optional.of(ByteRange.from(10))))
                .isInstanceOf(InvalidRangeException.class);
    }

    @Test
    void concurrentStagingThenOneCommit() throws Exception {
        int blocks = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StagedBlock>> futures = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                int n = i;
                futures.add(pool.submit(() -> store.stageBlock(c, "big.mp4", blockId(n),
                        new ByteArrayInputStream(blockData(n)), WriteOptions.limitedTo(1 << 20).withExpectedMd5(md5(blockData(n))))));
            }
            for (Future<StagedBlock> f : futures) {
                assertThat(f.get().length()).isEqualTo(10_000);
            }
        } finally {
            pool.shutdownNow();
        }
        List<BlockReference> list = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < blocks; i++) {
            list.add(BlockReference.latest(blockId(i)));
            expected.write(blockData(i));
        }
        BlobProperties p = store.commitBlockList(c, "big.mp4", list, CommitOptions.limitedTo(1 << 20));
        assertThat(p.length()).isEqualTo(blocks * 10_000L);
        try (BlobRead r = store.openForRead(c, "big.mp4", Optional.empty())) {
            assertThat(r.content().readAllBytes()).isEqualTo(expected.toByteArray());
        }
        try (BlobRead r = store.openForRead(c, "big.mp4", Optional.of(ByteRange.of(9_990, 20_009)))) {
            assertThat(r.content().readAllBytes()).isEqualTo(Arrays.copyOfRange(expected.toByteArray(), 9_990, 20_010));
        }
    }

    @Test
    void aBlobAndBlobsUnderItsNameCoexist() throws Exception {
        store.putBlob(c, "hls", in("file"), opts());
        store.putBlob(c, "hls/master.m3u8", in("m"), opts());
        assertThat(store.listBlobs(c, "")).extracting(BlobItem::name).containsExactly("hls", "hls/master.m3u8");
        assertThat(store.listBlobs(c, "hls/")).extracting(BlobItem::name).containsExactly("hls/master.m3u8");
        assertThat(store.listBlobs(c, "hl")).hasSize(2);
        assertThat(store.listBlobs(c, "x")).isEmpty();
        store.stageBlock(c, "pending", "QUFB", in("p"), opts()); // staged only: not listed
        assertThat(store.listBlobs(c, "")).hasSize(2);
        assertThat(read("hls", Optional.empty())).isEqualTo("file");
    }

    @Test
    void multiBufferBodiesKeepEveryCheck() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 123];
        new Random(7).nextBytes(data);
        BlobProperties p = store.putBlob(c, "big", new ByteArrayInputStream(data),
                WriteOptions.limitedTo(1 << 30).withExpectedMd5(md5(data)).withExpectedLength(data.length));
        assertThat(p.contentMd5()).contains(md5(data));
        try (BlobRead r = store.openForRead(c, "big", Optional.empty())) {
            assertThat(r.content().readAllBytes()).isEqualTo(data);
        }
        byte[] other = data.clone();
        other[3 * 1024 * 1024] ^= 1;
        assertThatThrownBy(() -> store.putBlob(c, "big", new ByteArrayInputStream(other),
                WriteOptions.limitedTo(1 << 30).withExpectedMd5(md5(data)))).isInstanceOf(ContentMismatchException.class);
        assertThatThrownBy(() -> store.putBlob(c, "big", new ByteArrayInputStream(data), WriteOptions.limitedTo(3 << 20)))
                .isInstanceOf(ContentTooLargeException.class);
        assertThatThrownBy(() -> store.putBlob(c, "big", failingAfter(4L << 20), WriteOptions.limitedTo(1 << 30)))
                .isInstanceOf(IOException.class).isNotInstanceOf(ContentTooLargeException.class);
        try (BlobRead r = store.openForRead(c, "big", Optional.empty())) {
            assertThat(r.content().readAllBytes()).isEqualTo(data); // still the first version
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    protected static String blockId(int n) {
        return Base64.getEncoder().encodeToString(String.format("block-%06d", n).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] blockData(int n) {
        byte[] data = new byte[10_000];
        new Random(n).nextBytes(data);
        return data;
    }

    protected static WriteOptions opts() {
        return WriteOptions.limitedTo(1 << 20);
    }

    protected String read(String blob, Optional<ByteRange> range) throws IOException {
        try (BlobRead read = store.openForRead(c, blob, range)) {
            return new String(read.content().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
