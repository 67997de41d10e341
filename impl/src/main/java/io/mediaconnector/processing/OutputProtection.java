package io.mediaconnector.processing;

import io.mediaconnector.encoding.ContentProtection;
import io.mediaconnector.protection.VideoKey;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.video.Video;

import java.util.UUID;

/** For an AES-128 video, the content key and the key delivery URL its HLS playlists name. */
public final class OutputProtection {
    private final VideoKeys keys;
    private final String baseUrl;

    public OutputProtection(VideoKeys keys, String baseUrl) {
        this.keys = keys;
        this.baseUrl = baseUrl;
    }

    /** Null for a clear video (the pipeline's convention). */
    public ContentProtection of(Video video) {
        if (video.contentKeyId().isEmpty()) {
            return null;
        }
        VideoKey key = keys.contentKey(video.id())
                .orElseThrow(() -> new IllegalStateException("protected video " + video.id() + " has no content key"));
        return new ContentProtection(key.key(), UUID.fromString(key.keyId()), keyUrl(baseUrl, video.id(), key.keyId()));
    }

    public static String keyUrl(String baseUrl, UUID videoId, String keyId) {
        return baseUrl + "/keys/" + videoId + "/" + keyId;
    }
}
