package io.mediaconnector.video;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** A video record as stored; {@code version} grows with every change and makes the ETag. */
public record Video(
        UUID id,
        UUID accountId,
        String storedFileName,
        VideoDetails details,
        ContentProtection contentProtection,
        Optional<String> contentKeyId,
        InputEncryption inputEncryption,
        VideoState state,
        String statusMessage,
        int progress,
        boolean playable,
        int durationSeconds,
        boolean uploadOpen,
        Publication publication,
        long version,
        OffsetDateTime created,
        OffsetDateTime updated) {

    public String etag() {
        return "\"" + version + "\"";
    }

    public String containerName() {
        return "asset-" + id;
    }

    /** Name, description, tags and custom metadata: what {@code PUT} replaces. */
    public record VideoDetails(String name, String description, List<String> tags, Map<String, String> metadata) {
        public VideoDetails {
            tags = List.copyOf(tags);
            metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        }
    }
}
