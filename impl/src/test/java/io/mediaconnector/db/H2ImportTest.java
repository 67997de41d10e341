package io.mediaconnector.db;

import io.mediaconnector.protection.KeyVault;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.server.Service;
import io.mediaconnector.server.StartupException;
import io.mediaconnector.support.Json;
import io.mediaconnector.video.VideoState;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data directory of the H2 era: refused at start, then carried over to SQLite row for row. */
class H2ImportTest {
    private static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID VIDEO = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final byte[] MASTER_KEY = new byte[32];

    @TempDir
    Path dataDir;

    @Test
    void anEarlierVersionsH2DatabaseIsRefusedAtStartThenImported() throws Exception {
        String sealedKey = new KeyVault(MASTER_KEY).seal(new byte[16]);
        writeH2(sealedKey);
        TestDatabase.Engine sqlite = TestDatabase.Engine.SQLITE;

        assertThatThrownBy(() -> Service.start(TestDatabase.settings(sqlite, dataDir)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("import-h2 --data-dir " + dataDir);

        try (Database database = TestDatabase.open(sqlite, dataDir)) {
            assertThat(H2Import.run(H2Import.pending(dataDir).orElseThrow(), database))
                    .containsEntry("accounts", 1).containsEntry("api_keys", 1).containsEntry("videos", 1)
                    .containsEntry("video_tags", 2).containsEntry("encoding_jobs", 1).containsEntry("video_keys", 1);

            var video = new VideoRepository(database, Json.newMapper()).find(ACCOUNT, VIDEO).orElseThrow();
            assertThat(video.details().tags()).containsExactly("beach", "summer");
            assertThat(video.details().metadata()).containsEntry("camera", "gopro");
            assertThat(video.state()).isEqualTo(VideoState.PROCESSING);
            assertThat(video.uploadOpen()).isFalse();
            assertThat(video.created()).isEqualTo(OffsetDateTime.of(2026, 11, 1, 9, 30, 0, 123_456_000, ZoneOffset.UTC));
            assertThat(new VideoRepository(database, Json.newMapper()).page(ACCOUNT, null, "beach", null, 10))
                    .hasSize(1);
            assertThat(new AccountRepository(database).findLiveKeyByHash("ab".repeat(32))).isPresent();
            assertThat(new VideoKeys(new VideoKeyRepository(database), new KeyVault(MASTER_KEY), Randomness.secure())
                    .contentKey(VIDEO)).hasValueSatisfying(key -> assertThat(key.key()).hasSize(16));
        }
        assertThat(H2Import.pending(dataDir)).isEmpty();
        assertThat(dataDir.resolve("db/media-connector.mv.db.imported")).exists();
    }

    @Test
    void anImportNeverWritesOverData() throws Exception {
        writeH2(new KeyVault(MASTER_KEY).seal(new byte[16]));
        try (Database database = TestDatabase.open(TestDatabase.Engine.SQLITE, dataDir)) {
            new AccountRepository(database).insert(new io.mediaconnector.account.Account(UUID.randomUUID(), "x",
                    OffsetDateTime.now(ZoneOffset.UTC)));
            assertThatThrownBy(() -> H2Import.run(H2Import.pending(dataDir).orElseThrow(), database))
                    .hasMessageContaining("already holds data");
        }
        assertThat(H2Import.pending(dataDir)).isPresent();
    }

    /** What an earlier version left: its migrations (H2 ran the PostgreSQL ones) and one video of each kind of row. */
    private void writeH2(String sealedKey) throws Exception {
        Files.createDirectories(dataDir.resolve("db"));
        String url = "jdbc:h2:file:" + dataDir.resolve("db/media-connector");
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/postgresql").load().migrate();
        try (Connection h2 = DriverManager.getConnection(url, "sa", ""); Statement sql = h2.createStatement()) {
            sql.execute("INSERT INTO accounts VALUES ('" + ACCOUNT + "', 'acme', TIMESTAMP WITH TIME ZONE '2026-11-01 09:00:00+00')");
            sql.execute("INSERT INTO api_keys VALUES ('" + UUID.randomUUID() + "', '" + ACCOUNT + "', 'k', '"
                    + "ab".repeat(32) + "', 'write', TIMESTAMP WITH TIME ZONE '2026-11-01 09:00:00+00', NULL)");
            sql.execute("INSERT INTO videos (id, account_id, stored_file_name, name, description, tags_json, metadata_json,"
                    + " content_protection, content_key_id, input_encryption, state, status_message, progress, playable,"
                    + " duration_seconds, upload_open, version, created_at, updated_at) VALUES ('" + VIDEO + "', '"
                    + ACCOUNT + "', 'f.mp4', 'clip', '', '[\"beach\",\"summer\"]', '{\"camera\":\"gopro\"}', 'AES128',"
                    + " 'kid', 'NONE', 1, 'Processing.', 10, FALSE, 0, FALSE, 3,"
                    + " TIMESTAMP WITH TIME ZONE '2026-11-01 10:30:00.123456+01', TIMESTAMP WITH TIME ZONE '2026-11-01 09:31:00+00')");
            sql.execute("INSERT INTO video_tags VALUES ('" + VIDEO + "', 'beach', 0), ('" + VIDEO + "', 'summer', 1)");
            sql.execute("INSERT INTO encoding_jobs (id, video_id, state, attempts, max_attempts, run_after, created_at,"
                    + " updated_at) VALUES ('" + UUID.randomUUID() + "', '" + VIDEO + "', 'QUEUED', 0, 3,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO video_keys VALUES ('" + VIDEO + "', 'CONTENT', 'kid', '" + sealedKey + "', 'AAAA')");
        }
    }
}
