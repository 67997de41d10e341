package io.mediaconnector.db;

import io.mediaconnector.protection.KeyVault;
import io.mediaconnector.protection.VideoKey;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Video keys, sealed by the {@link KeyVault} on the way in and opened on the way out. */
public final class VideoKeyRepository {
    private final Jdbi jdbi;
    private final KeyVault vault;

    public VideoKeyRepository(Database database, KeyVault vault) {
        this.jdbi = database.jdbi();
        this.vault = vault;
    }

    /** Inside the transaction that creates the video, so a video never lacks its keys. */
    void insert(Handle h, VideoKey key) {
        h.createUpdate("INSERT INTO video_keys (video_id, purpose, key_id, sealed_key, iv) "
                        + "VALUES (:video, :purpose, :keyId, :sealed, :iv)")
                .bind("video", key.videoId()).bind("purpose", key.purpose().name()).bind("keyId", key.keyId())
                .bind("sealed", vault.seal(key.key()))
                .bind("iv", Base64.getEncoder().encodeToString(key.iv()))
                .execute();
    }

    public Optional<VideoKey> find(UUID videoId, VideoKey.Purpose purpose) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT key_id, sealed_key, iv FROM video_keys WHERE video_id = :video AND purpose = :purpose")
                .bind("video", videoId).bind("purpose", purpose.name())
                .map((rs, ctx) -> new VideoKey(videoId, purpose, rs.getString("key_id"),
                        vault.open(rs.getString("sealed_key")), Base64.getDecoder().decode(rs.getString("iv"))))
                .findOne());
    }
}
