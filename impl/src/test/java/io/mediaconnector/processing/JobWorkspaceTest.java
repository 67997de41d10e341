package io.mediaconnector.processing;

import io.mediaconnector.account.Account;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.TestDatabase;
import io.mediaconnector.db.VideoKeyRepository;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.protection.KeyVault;
import io.mediaconnector.protection.VideoKey;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.filesystem.FileSystemBlobStore;
import io.mediaconnector.storage.DiskSpace;
import io.mediaconnector.storage.WriteOptions;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.support.Timestamps;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's local files: the upload fetched (and decrypted) into an owner-only folder, all of it gone afterwards. */
class JobWorkspaceTest {
    private static final byte[] CONTENT = "pretend this is a video".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private Database database;
    private VideoRepository videos;
    private VideoKeys keys;
    private BlobStore store;
    private JobWorkspace workspace;
    private Path workRoot;
    private Path plaintextRoot;
    private UUID account;

    @BeforeEach
    void open() throws Exception {
        database = TestDatabase.open(TestDatabase.Engine.SQLITE, dir.resolve("data"));
        videos = new VideoRepository(database, Json.newMapper());
        keys = new VideoKeys(new VideoKeyRepository(database), new KeyVault(new byte[32]), Randomness.secure());
        store = new FileSystemBlobStore(dir.resolve("data/blobs"), Clock.systemUTC(), new DiskSpace(dir, 0));
        workRoot = dir.resolve("data/work");
        plaintextRoot = dir.resolve("plaintext");
        workspace = new JobWorkspace(store, new UploadDecryption(keys, plaintextRoot), workRoot);
        account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "a", now()));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aClearUploadIsFetchedIntoTheJobsOwnFolderAndRemovedWithIt() throws Exception {
        Video video = video(InputEncryption.NONE);
        upload(video, CONTENT);
        EncodingJob job = job(video);

        Path input = workspace.fetchInput(job, video);

        assertThat(input).hasBinaryContent(CONTENT);
        assertThat(input.getFileName().toString()).isEqualTo("input.mp4");
        assertThat(input.getParent()).isEqualTo(workRoot.resolve(job.id().toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(input.getParent())))
                .isEqualTo("rwx------");
        assertThat(workspace.outputDirectory(job)).startsWithRaw(input.getParent());

        Files.createDirectories(workspace.outputDirectory(job).resolve("cmaf"));
        workspace.remove(job, video);

        assertThat(workRoot).isEmptyDirectory();
    }

    @Test
    void anEncryptedUploadIsDecryptedIntoThePlaintextFolderNeverIntoTheWorkFolder() throws Exception {
        VideoKey key = keys.newInputKey(UUID.randomUUID());
        Video video = video(InputEncryption.AES256, key);
        upload(video, aes256Ctr(key, CONTENT));
        EncodingJob job = job(video);

        Path input = workspace.fetchInput(job, video);

        assertThat(input).hasBinaryContent(CONTENT);
        assertThat(input).startsWithRaw(plaintextRoot.resolve(job.id().toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(input.getParent())))
                .isEqualTo("rwx------");
        assertThat(workRoot.resolve(job.id().toString()).resolve(input.getFileName())).doesNotExist();

        workspace.remove(job, video);

        assertThat(plaintextRoot).isEmptyDirectory();
    }

    @Test
    void onlyAnEncryptedUploadsFailureSaysWhichKeyToCheck() {
        VideoKey key = keys.newInputKey(UUID.randomUUID());

        assertThat(workspace.failureHint(video(InputEncryption.NONE))).isEmpty();
        assertThat(workspace.failureHint(video(InputEncryption.AES256, key)))
                .contains("InputStorageEncryptionSymmetricKey", "AES-256-CTR");
    }

    private static byte[] aes256Ctr(VideoKey key, byte[] clear) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.key(), "AES"), new IvParameterSpec(key.iv()));
        return cipher.doFinal(clear);
    }

    private void upload(Video video, byte[] content) throws Exception {
        store.putBlob(video.containerName(), video.storedFileName(), new ByteArrayInputStream(content),
                WriteOptions.limitedTo(Long.MAX_VALUE));
    }

    private static EncodingJob job(Video video) {
        return new EncodingJob(UUID.randomUUID(), video.id(), 1, 3);
    }

    private Video video(InputEncryption encryption) {
        return video(encryption, null);
    }

    /** A stored video; with an upload key, the key is stored with it (under the video's id). */
    private Video video(InputEncryption encryption, VideoKey uploadKey) {
        Video video = new Video(uploadKey == null ? UUID.randomUUID() : uploadKey.videoId(), account,
                UUID.randomUUID() + ".mp4", new Video.VideoDetails("clip", "", List.of(), Map.of()),
                ContentProtection.NONE, Optional.empty(), encryption, VideoState.CREATED,
                VideoState.CREATED.defaultMessage(), 0, false, 0, true, Publication.NONE, 1, now(), now());
        database.run(() -> {
            videos.insert(video);
            keys.store(uploadKey == null ? List.of() : List.of(uploadKey));
        });
        return video;
    }

    private static OffsetDateTime now() {
        return Timestamps.now(Clock.systemUTC());
    }
}
