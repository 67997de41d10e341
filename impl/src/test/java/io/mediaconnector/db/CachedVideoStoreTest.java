package io.mediaconnector.db;

import io.mediaconnector.account.Account;
import io.mediaconnector.support.Json;
import io.mediaconnector.video.CachedVideoStore;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.Video.VideoDetails;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of the embedded database never answers older data than the database holds. */
class CachedVideoStoreTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 29, 10, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Database database;
    private VideoRepository rows;
    private CachedVideoStore videos;
    private UUID account;

    @BeforeEach
    void open() {
        database = TestDatabase.open(TestDatabase.Engine.SQLITE, dir);
        rows = new VideoRepository(database, Json.newMapper());
        videos = new CachedVideoStore(rows, database, 100);
        account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", T0));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aReadAfterAWriteSeesTheWrite() {
        Video video = stored();
        assertThat(videos.find(account, video.id())).map(v -> v.details().name()).contains("clip");
        assertThat(videos.updateDetails(account, video.id(), null, details("renamed"), T0)).isTrue();
        assertThat(videos.find(account, video.id())).map(v -> v.details().name()).contains("renamed");
        videos.recordStatusMessage(video.id(), "working on it", T0);
        assertThat(videos.findAny(video.id())).map(Video::statusMessage).contains("working on it");
        assertThat(videos.delete(account, video.id())).isTrue();
        assertThat(videos.find(account, video.id())).isEmpty();
    }

    @Test
    void anotherAccountNeitherReadsNorFillsTheCache() {
        Video video = stored();
        assertThat(videos.find(UUID.randomUUID(), video.id())).isEmpty();
        assertThat(videos.find(account, video.id())).isPresent();
        assertThat(videos.find(UUID.randomUUID(), video.id())).isEmpty();
    }

    @Test
    void insideATransactionTheCacheChangesOnlyOnCommit() {
        Video video = stored();
        videos.find(account, video.id());
        database.run(() -> assertThat(videos.updateDetails(account, video.id(), null, details("committed"), T0)).isTrue());
        assertThat(videos.find(account, video.id())).map(v -> v.details().name()).contains("committed");

        assertThatThrownBy(() -> database.run(() -> {
            videos.updateDetails(account, video.id(), null, details("rolled back"), T0);
            throw new IllegalStateException("rollback");
        })).hasMessage("rollback");
        assertThat(videos.find(account, video.id())).map(v -> v.details().name()).contains("committed");
        assertThat(rows.find(account, video.id())).map(v -> v.details().name()).contains("committed");
    }

    @Test
    void readersRacingAWriterNeverKeepAnOldVersion() throws Exception {
        Video video = stored();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                running.add(readers.submit(() -> {
                    while (writing.get()) {
                        videos.find(account, video.id());
                    }
                }));
            }
            for (int i = 1; i <= 300; i++) {
                assertThat(videos.updateDetails(account, video.id(), null, details("v" + i), T0)).isTrue();
                Optional<Video> read = videos.find(account, video.id());
                assertThat(read).map(v -> v.details().name()).as("read right after write %d", i).contains("v" + i);
            }
            writing.set(false);
            for (Future<?> reader : running) {
                reader.get(10, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            readers.shutdownNow();
        }
        assertThat(videos.find(account, video.id())).map(Video::version)
                .contains(rows.find(account, video.id()).orElseThrow().version());
    }

    private Video stored() {
        Video video = new Video(UUID.randomUUID(), account, UUID.randomUUID() + ".mp4", details("clip"),
                ContentProtection.NONE, Optional.empty(), InputEncryption.NONE, VideoState.CREATED, "Awaiting upload.",
                0, false, 0, true, Publication.NONE, 1, T0, T0);
        videos.insert(video);
        return video;
    }

    private static VideoDetails details(String name) {
        return new VideoDetails(name, "", List.of(), Map.of());
    }
}
