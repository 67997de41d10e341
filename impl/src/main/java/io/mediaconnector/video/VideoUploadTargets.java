package io.mediaconnector.video;

import io.mediaconnector.upload.UploadTarget;
import io.mediaconnector.upload.UploadTargets;

import java.util.Optional;
import java.util.UUID;

/**
 * The blob protocol's view of the video lifecycle: a container {@code asset-<video id>} accepts
 * its video's file until the upload is marked complete.
 */
public final class VideoUploadTargets implements UploadTargets {
    private static final String PREFIX = "asset-";
    private final VideoStore videos;

    public VideoUploadTargets(VideoStore videos) {
        this.videos = videos;
    }

    @Override
    public Optional<UploadTarget> find(String container) {
        if (!container.startsWith(PREFIX)) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(container.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return videos.findAny(id).map(video -> new UploadTarget(container, video.storedFileName(), video.uploadOpen()));
    }
}
