package io.mediaconnector.playback;

import io.mediaconnector.failure.InvalidInputException;
import io.mediaconnector.video.Publication.OutputSet;

import java.util.Optional;

/** The Connector's {@code endpointType}s and where each one's manifest lies in an output set. */
public enum PlaybackType {
    STREAMING("Streaming", null, "final/smooth/video.ism/Manifest", null),
    HLS("HLS", "preview/master.m3u8", "final/cmaf/master.m3u8", "final/hls/master.m3u8"),
    DASH("DASH", "preview/manifest.mpd", "final/cmaf/manifest.mpd", "final/dash/manifest.mpd"),
    PROGRESSIVE("Progressive", null, "final/progressive/video.mp4", null);

    private final String wireName;
    private final String previewPath;
    private final String finalPath;
    private final String protectedPath;

    PlaybackType(String wireName, String previewPath, String finalPath, String protectedPath) {
        this.wireName = wireName;
        this.previewPath = previewPath;
        this.finalPath = finalPath;
        this.protectedPath = protectedPath;
    }

    /** Where an AES-128 video's manifest lies: encrypted HLS (AES-128) and DASH (ClearKey) only. */
    public Optional<String> protectedPath() {
        return Optional.ofNullable(protectedPath);
    }

    public String wireName() {
        return wireName;
    }

    /** The manifest (or file) path within the published outputs, if this set has one. */
    public Optional<String> path(OutputSet set) {
        return Optional.ofNullable(set == OutputSet.FINAL ? finalPath : previewPath);
    }

    public static PlaybackType parse(String endpointType) {
        for (PlaybackType type : values()) {
            if (type.wireName.equalsIgnoreCase(endpointType == null ? "" : endpointType.trim())) {
                return type;
            }
        }
        throw new InvalidInputException("endpointType must be one of Streaming, HLS, DASH, Progressive; was '"
                + endpointType + "'.");
    }
}
