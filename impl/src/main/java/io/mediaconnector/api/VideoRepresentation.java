package io.mediaconnector.api;

import io.mediaconnector.generated.server.model.Rendition;
import io.mediaconnector.generated.server.model.Video;
import io.mediaconnector.generated.server.model.VideoStatus;
import io.mediaconnector.video.UploadLinks;
import io.mediaconnector.video.VideoState;

/** Domain video → the contract's {@code Video} and {@code VideoStatus}. */
public final class VideoRepresentation {
    private final UploadLinks uploadLinks;

    public VideoRepresentation(UploadLinks uploadLinks) {
        this.uploadLinks = uploadLinks;
    }

    public Video of(io.mediaconnector.video.Video video) {
        return new Video()
                .id(video.id())
                .originalFileName(video.storedFileName())
                .uploadUri(video.uploadOpen() ? uploadLinks.uploadUri(video).orElse(null) : null)
                .duration(video.durationSeconds())
                .contentProtectionMode(video.contentProtection().wireName())
                .contentProtectionKeyId(video.contentKeyId().orElse(null))
                .inputStorageEncryptionMode(video.inputEncryption().wireName())
                .inputStorageEncryptionSymmetricKey(null)
                .inputStorageEncryptionIv(null)
                .name(video.details().name())
                .description(video.details().description())
                .tags(video.details().tags())
                .metadata(video.details().metadata())
                .status(video.state().wireName())
                .statusCode(video.state().code())
                .playable(video.playable())
                .renditions(renditions(video))
                .created(video.created())
                .updated(video.updated());
    }

    /** The create answer: the only one that carries the upload key and IV of an encrypted upload. */
    public Video created(io.mediaconnector.video.VideoService.CreatedVideo created) {
        Video video = of(created.video());
        created.inputKey().ifPresent(key -> video
                .inputStorageEncryptionSymmetricKey(java.util.Base64.getEncoder().encodeToString(key.key()))
                .inputStorageEncryptionIv(java.util.Base64.getEncoder().encodeToString(key.iv())));
        return video;
    }

    public VideoStatus statusOf(io.mediaconnector.video.Video video) {
        VideoState state = video.state();
        return new VideoStatus()
                .statusCode(state.code())
                .status(state.wireName())
                .message(video.statusMessage())
                .progress(video.progress())
                .playable(video.playable())
                .renditions(renditions(video));
    }

    private static java.util.List<Rendition> renditions(io.mediaconnector.video.Video video) {
        if (video.publication().renditions().isEmpty()) {
            return java.util.List.of();
        }
        return video.publication().renditions().stream()
                .map(r -> new Rendition().width(r.width()).height(r.height()).bitrate(r.bitrate()))
                .toList();
    }
}
