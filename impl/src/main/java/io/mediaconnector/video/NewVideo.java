package io.mediaconnector.video;

import java.util.List;
import java.util.Map;

/** What a client asks for when creating a video, as sent (not yet validated). */
public record NewVideo(String originalFileName, String contentProtectionMode, String inputStorageEncryptionMode,
                       String name, String description, List<String> tags, Map<String, String> metadata) {
}
