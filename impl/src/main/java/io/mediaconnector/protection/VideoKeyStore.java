package io.mediaconnector.protection;

import java.util.Optional;
import java.util.UUID;

/** Where video keys are kept: only ever sealed (the store never sees a key in the clear). */
public interface VideoKeyStore {
    /** A key as stored: its material sealed under the master key, its IV in base64. */
    record SealedKey(UUID videoId, VideoKey.Purpose purpose, String keyId, String sealedKey, String iv) {
    }

    void insert(SealedKey key);

    Optional<SealedKey> find(UUID videoId, VideoKey.Purpose purpose);
}
