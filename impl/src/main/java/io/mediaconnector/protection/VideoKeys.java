package io.mediaconnector.protection;

import io.mediaconnector.db.VideoKeyRepository;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/** Makes and finds the keys of videos: AES-128 content keys and AES-256-CTR upload keys. */
public final class VideoKeys {
    private final VideoKeyRepository repository;
    private final SecureRandom random = new SecureRandom();

    public VideoKeys(VideoKeyRepository repository) {
        this.repository = repository;
    }

    public VideoKey newContentKey(UUID videoId) {
        return new VideoKey(videoId, VideoKey.Purpose.CONTENT, UUID.randomUUID().toString(), bytes(16), new byte[0]);
    }

    /** A 256-bit key and a 128-bit initial counter block for the client's AES-256-CTR encryption. */
    public VideoKey newInputKey(UUID videoId) {
        return new VideoKey(videoId, VideoKey.Purpose.INPUT, "input-" + videoId, bytes(32), bytes(16));
    }

    public Optional<VideoKey> contentKey(UUID videoId) {
        return repository.find(videoId, VideoKey.Purpose.CONTENT);
    }

    public Optional<VideoKey> inputKey(UUID videoId) {
        return repository.find(videoId, VideoKey.Purpose.INPUT);
    }

    public VideoKeyRepository repository() {
        return repository;
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
