package io.mediaconnector.processing;

import io.mediaconnector.account.Account;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.DatabaseJobQueue;
import io.mediaconnector.db.TestDatabase;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A state change and the job it queues commit together or not at all, on both engines. */
@ParameterizedClass
@EnumSource(TestDatabase.Engine.class)
class EncodingRequestsTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 29, 10, 0, 0, 0, ZoneOffset.UTC);

    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private Database database;
    private VideoRepository videos;
    private UUID account;

    @BeforeEach
    void open() {
        database = TestDatabase.open(engine, dir);
        videos = new VideoRepository(database, Json.newMapper());
        account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", T0));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theStateChangeAndItsJobCommitTogether() {
        Video video = awaitingUpload();
        EncodingRequests requests = requests(Randomness.secure());

        assertThat(requests.queueIf(() -> videos.closeUpload(account, video.id(), "Processing", T0), video.id())).isTrue();
        assertThat(requests.queueIf(() -> videos.closeUpload(account, video.id(), "Processing", T0), video.id()))
                .as("the upload is closed already: no second job").isFalse();

        assertThat(videos.findAny(video.id())).map(Video::state).contains(VideoState.PROCESSING);
        assertThat(jobsOf(video.id())).isEqualTo(1);
    }

    @Test
    void whenTheJobCannotBeQueuedTheStateChangeIsUndone() {
        Video video = awaitingUpload();
        UUID takenJobId = UUID.randomUUID();
        new DatabaseJobQueue(database, Clock.systemUTC()).enqueue(takenJobId, awaitingUpload().id(), 3);
        EncodingRequests requests = requests(sameIdEveryTime(takenJobId));

        assertThatThrownBy(() -> requests.queueIf(() -> videos.closeUpload(account, video.id(), "Processing", T0),
                video.id())).as("the job id is taken: the insert fails").isInstanceOf(RuntimeException.class);

        assertThat(videos.findAny(video.id())).hasValueSatisfying(unchanged -> {
            assertThat(unchanged.state()).isEqualTo(VideoState.CREATED);
            assertThat(unchanged.uploadOpen()).isTrue();
        });
        assertThat(jobsOf(video.id())).isZero();
    }

    private EncodingRequests requests(Randomness randomness) {
        return new EncodingRequests(database, new DatabaseJobQueue(database, Clock.systemUTC()), 3, randomness,
                new JobSignal());
    }

    private Video awaitingUpload() {
        Video video = new Video(UUID.randomUUID(), account, UUID.randomUUID() + ".mp4",
                new Video.VideoDetails("clip", "", List.of(), Map.of()), ContentProtection.NONE, Optional.empty(),
                InputEncryption.NONE, VideoState.CREATED, "Awaiting upload.", 0, false, 0, true, Publication.NONE, 1,
                T0, T0);
        videos.insert(video);
        return video;
    }

    private int jobsOf(UUID videoId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM encoding_jobs WHERE video_id = :video")
                .bind("video", videoId).mapTo(Integer.class).one());
    }

    private static Randomness sameIdEveryTime(UUID id) {
        Randomness secure = Randomness.secure();
        return new Randomness() {
            @Override
            public UUID newId() {
                return id;
            }

            @Override
            public String newSecret(int bytes) {
                return secure.newSecret(bytes);
            }

            @Override
            public byte[] bytes(int count) {
                return secure.bytes(count);
            }

            @Override
            public java.util.random.RandomGenerator generator() {
                return secure.generator();
            }
        };
    }
}
