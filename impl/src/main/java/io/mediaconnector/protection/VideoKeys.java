package io.mediaconnector.protection;

import io.mediaconnector.support.Randomness;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes, keeps and finds the keys of videos: AES-128 content keys and AES-256-CTR upload keys.
 * Keys are sealed by the {@link KeyVault} before they reach the store and opened on the way out.
 */
public final class VideoKeys {
    private final VideoKeyStore store;
    private final KeyVault vault;
    private final Randomness randomness;

    public VideoKeys(VideoKeyStore store, KeyVault vault, Randomness randomness) {
        this.store = store;
        this.vault = vault;
        this.randomness = randomness;
    }

    public VideoKey newContentKey(UUID videoId) {
        return new VideoKey(videoId, VideoKey.Purpose.CONTENT, randomness.newId().toString(), randomness.bytes(16),
                new byte[0]);
    }

    /** A 256-bit key and a 128-bit initial counter block for the client's AES-256-CTR encryption. */
    public VideoKey newInputKey(UUID videoId) {
        return new VideoKey(videoId, VideoKey.Purpose.INPUT, "input-" + videoId, randomness.bytes(32), randomness.bytes(16));
    }

    /** Keeps the keys (call it inside the transaction that creates their video, so a video never lacks them). */
    public void store(List<VideoKey> keys) {
        for (VideoKey key : keys) {
            store.insert(new VideoKeyStore.SealedKey(key.videoId(), key.purpose(), key.keyId(), vault.seal(key.key()),
                    Base64.getEncoder().encodeToString(key.iv())));
        }
    }

    public Optional<VideoKey> contentKey(UUID videoId) {
        return find(videoId, VideoKey.Purpose.CONTENT);
    }

    public Optional<VideoKey> inputKey(UUID videoId) {
        return find(videoId, VideoKey.Purpose.INPUT);
    }

    private Optional<VideoKey> find(UUID videoId, VideoKey.Purpose purpose) {
        return store.find(videoId, purpose).map(sealed -> new VideoKey(videoId, purpose, sealed.keyId(),
                vault.open(sealed.sealedKey()), Base64.getDecoder().decode(sealed.iv())));
    }
}
