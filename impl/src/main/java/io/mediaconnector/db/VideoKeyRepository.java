package io.mediaconnector.db;

import io.mediaconnector.protection.VideoKey;
import io.mediaconnector.protection.VideoKeyStore;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;
import java.util.UUID;

/** Video keys, as {@link io.mediaconnector.protection.VideoKeys} sealed them. */
public final class VideoKeyRepository implements VideoKeyStore {
    private final Jdbi jdbi;

    public VideoKeyRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(SealedKey key) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO video_keys (video_id, purpose, key_id, sealed_key, iv) "
                        + "VALUES (:video, :purpose, :keyId, :sealed, :iv)")
                .bind("video", key.videoId()).bind("purpose", key.purpose().name()).bind("keyId", key.keyId())
                .bind("sealed", key.sealedKey()).bind("iv", key.iv())
                .execute());
    }

    @Override
    public Optional<SealedKey> find(UUID videoId, VideoKey.Purpose purpose) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT key_id, sealed_key, iv FROM video_keys WHERE video_id = :video AND purpose = :purpose")
                .bind("video", videoId).bind("purpose", purpose.name())
                .map((rs, ctx) -> new SealedKey(videoId, purpose, rs.getString("key_id"), rs.getString("sealed_key"),
                        rs.getString("iv")))
                .findOne());
    }
}
