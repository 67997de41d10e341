package io.mediaconnector.protection;

import java.util.UUID;

/**
 * A key of one video: its AES-128 content key (playback) or its AES-256-CTR upload key.
 *
 * @param iv the upload key's initial counter block; empty for content keys (HLS IVs are per output)
 */
public record VideoKey(UUID videoId, Purpose purpose, String keyId, byte[] key, byte[] iv) {

    public enum Purpose { CONTENT, INPUT }
}
