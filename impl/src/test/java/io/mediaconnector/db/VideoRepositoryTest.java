package io.mediaconnector.db;

import io.mediaconnector.account.Account;
import io.mediaconnector.support.Json;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.PageCursor;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.Video.VideoDetails;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(TestDatabase.Engine.class)
class VideoRepositoryTest {
    @Parameter
    TestDatabase.Engine engine;
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Database database;
    private VideoRepository videos;
    private UUID account;
    private UUID otherAccount;

    @BeforeEach
    void open() {
        database = TestDatabase.open(engine, dir);
        videos = new VideoRepository(database, Json.newMapper());
        AccountRepository accounts = new AccountRepository(database);
        account = UUID.randomUUID();
        otherAccount = UUID.randomUUID();
        accounts.insert(new Account(account, "a", T0));
        accounts.insert(new Account(otherAccount, "b", T0));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Video video(UUID accountId, OffsetDateTime created, List<String> tags) {
        return new Video(UUID.randomUUID(), accountId, UUID.randomUUID() + ".mp4",
                new VideoDetails("clip", "a clip", tags, Map.of("camera", "gopro")), ContentProtection.NONE,
                Optional.empty(), InputEncryption.NONE, VideoState.CREATED, "Awaiting upload.", 0, false, 0, true, io.mediaconnector.video.Publication.NONE, 1,
                created, created);
    }

    @Test
    void storesAndReadsBackEveryField() {
        Video stored = video(account, T0.plusNanos(123_456_000), List.of("b", "a"));
        videos.insert(stored);
        assertThat(videos.find(account, stored.id())).hasValueSatisfying(read -> {
            assertThat(read).usingRecursiveComparison().ignoringFields("created", "updated").isEqualTo(stored);
            assertThat(read.created()).isEqualTo(stored.created());
        });
    }

    @Test
    void anotherAccountCannotSeeOrChangeOrDeleteIt() {
        Video stored = video(account, T0, List.of());
        videos.insert(stored);
        assertThat(videos.find(otherAccount, stored.id())).isEmpty();
        assertThat(videos.updateDetails(otherAccount, stored.id(), null,
                new VideoDetails("x", "", List.of(), Map.of()), T0)).isFalse();
        assertThat(videos.delete(otherAccount, stored.id())).isFalse();
        assertThat(videos.find(account, stored.id())).isPresent();
    }

    @Test
    void keysetPagesWalkEveryVideoNewestFirstExactlyOnce() {
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a creation time, so the id must break ties.
            Video v = video(account, T0.plusSeconds(i / 2), List.of());
            videos.insert(v);
            expected.add(v.id());
        }
        videos.insert(video(otherAccount, T0, List.of()));
        List<UUID> seen = new ArrayList<>();
        PageCursor cursor = null;
        do {
            List<Video> page = videos.page(account, null, null, cursor, 7);
            page.forEach(v -> seen.add(v.id()));
            cursor = page.size() == 7 ? PageCursor.after(page.get(6)) : null;
        } while (cursor != null);
        assertThat(seen).hasSize(25).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
    }

    @Test
    void filtersByStateAndTag() {
        Video tagged = video(account, T0, List.of("summer"));
        Video untagged = video(account, T0.plusSeconds(1), List.of("winter"));
        videos.insert(tagged);
        videos.insert(untagged);
        assertThat(videos.page(account, null, "summer", null, 10)).extracting(Video::id).containsExactly(tagged.id());
        assertThat(videos.page(account, VideoState.CREATED, null, null, 10)).hasSize(2);
        assertThat(videos.page(account, VideoState.COMPLETED, null, null, 10)).isEmpty();
    }

    @Test
    void updateWithAStaleVersionChangesNothing() {
        Video stored = video(account, T0, List.of("old"));
        videos.insert(stored);
        VideoDetails changed = new VideoDetails("new", "d", List.of("new"), Map.of());
        assertThat(videos.updateDetails(account, stored.id(), 99L, changed, T0.plusSeconds(5))).isFalse();
        assertThat(videos.find(account, stored.id()).orElseThrow().details().name()).isEqualTo("clip");

        assertThat(videos.updateDetails(account, stored.id(), 1L, changed, T0.plusSeconds(5))).isTrue();
        Video read = videos.find(account, stored.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.details()).isEqualTo(changed);
        assertThat(videos.page(account, null, "old", null, 10)).isEmpty();
        assertThat(videos.page(account, null, "new", null, 10)).hasSize(1);
    }

    @Test
    void deleteRemovesTheVideoAndItsTags() {
        Video stored = video(account, T0, List.of("t"));
        videos.insert(stored);
        assertThat(videos.delete(account, stored.id())).isTrue();
        assertThat(videos.find(account, stored.id())).isEmpty();
        long tags = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM video_tags").mapTo(Long.class).one());
        assertThat(tags).isZero();
    }
}
