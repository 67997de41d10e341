package io.mediaconnector.video;

import io.mediaconnector.support.Timestamps;
import io.mediaconnector.account.Caller;
import io.mediaconnector.failure.NotFoundException;
import io.mediaconnector.failure.StaleVersionException;
import io.mediaconnector.protection.VideoKey;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.support.Transactions;
import io.mediaconnector.video.Video.VideoDetails;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The lifecycle of video records: create, read, list, update details, delete. */
public final class VideoService {
    private final VideoStore videos;
    private final Transactions transactions;
    private final VideoRules rules;
    private final VideoRemoval removal;
    private final Clock clock;
    private final Randomness randomness;
    private final VideoKeys keys;

    public VideoService(VideoStore videos, Transactions transactions, VideoRules rules, VideoRemoval removal,
                        Clock clock, Randomness randomness, VideoKeys keys) {
        this.keys = keys;
        this.videos = videos;
        this.transactions = transactions;
        this.rules = rules;
        this.removal = removal;
        this.clock = clock;
        this.randomness = randomness;
    }

    public CreatedVideo create(Caller caller, NewVideo request) {
        String extension = rules.extensionOf(request.originalFileName());
        ContentProtection protection = rules.contentProtection(request.contentProtectionMode());
        InputEncryption encryption = rules.inputEncryption(request.inputStorageEncryptionMode());
        VideoDetails details = new VideoDetails(
                rules.name(request.name(), request.originalFileName()),
                rules.description(request.description()),
                rules.tags(request.tags()),
                rules.metadata(request.metadata()));
        OffsetDateTime now = now();
        UUID id = randomness.newId();
        Optional<VideoKey> inputKey = encryption == InputEncryption.AES256
                ? Optional.of(keys.newInputKey(id)) : Optional.empty();
        Optional<VideoKey> contentKey = protection == ContentProtection.AES128
                ? Optional.of(keys.newContentKey(id)) : Optional.empty();
        Video video = new Video(id, caller.accountId(), randomness.newId() + "." + extension, details,
                protection, contentKey.map(VideoKey::keyId), encryption, VideoState.CREATED,
                VideoState.CREATED.defaultMessage(), 0, false, 0, true, Publication.NONE, 1, now, now);
        List<VideoKey> newKeys = new java.util.ArrayList<>();
        inputKey.ifPresent(newKeys::add);
        contentKey.ifPresent(newKeys::add);
        transactions.run(() -> {
            videos.insert(video);
            keys.store(newKeys);
        });
        return new CreatedVideo(video, inputKey);
    }

    /** A new video, and the upload key that only this answer ever shows. */
    public record CreatedVideo(Video video, Optional<VideoKey> inputKey) {
    }

    public Video get(Caller caller, UUID id) {
        return find(caller, id).orElseThrow(NotFoundException::video);
    }

    /** The caller's video, or empty when there is none (or it belongs to another account). */
    public Optional<Video> find(Caller caller, UUID id) {
        return videos.find(caller.accountId(), id);
    }

    /** The video published under this playback locator, whatever its account: for serving its outputs. */
    public Optional<Video> findByLocator(String locator) {
        return videos.findByLocator(locator);
    }

    /** Any account's video, for a player that presents a playback token (the token names the video). */
    public Optional<Video> forKeyDelivery(UUID id) {
        return videos.findAny(id);
    }

    public VideoPage list(Caller caller, String status, String tag, int pageSize, String pageToken) {
        VideoState state = rules.stateFilter(status);
        PageCursor after = pageToken == null || pageToken.isBlank() ? null : PageCursor.decode(pageToken);
        String tagFilter = tag == null || tag.isBlank() ? null : tag.trim();
        List<Video> rows = videos.page(caller.accountId(), state, tagFilter, after, pageSize + 1);
        if (rows.size() <= pageSize) {
            return new VideoPage(rows, Optional.empty());
        }
        List<Video> page = rows.subList(0, pageSize);
        return new VideoPage(page, Optional.of(PageCursor.after(page.get(page.size() - 1))));
    }

    /**
     * Replaces those of name, description, tags and metadata that the change carries. With
     * {@code expectedVersion} set, only if nobody changed the video since that version (else 412).
     */
    public Video updateDetails(Caller caller, UUID id, Long expectedVersion, DetailsChange requested) {
        Video current = get(caller, id);
        VideoDetails details = new VideoDetails(
                requested.name() == null ? current.details().name() : rules.checkedName(requested.name()),
                requested.description() == null ? current.details().description() : rules.description(requested.description()),
                requested.tags() == null ? current.details().tags() : rules.tags(requested.tags()),
                requested.metadata() == null ? current.details().metadata() : rules.metadata(requested.metadata()));
        if (!videos.updateDetails(caller.accountId(), id, expectedVersion, details, now())) {
            if (videos.find(caller.accountId(), id).isEmpty()) {
                throw NotFoundException.video();
            }
            throw new StaleVersionException("The video changed since the ETag in If-Match; read it again and retry.");
        }
        return get(caller, id);
    }

    public void delete(Caller caller, UUID id) {
        Video video = get(caller, id);
        videos.delete(caller.accountId(), id);
        removal.afterDelete(video);
    }

    private OffsetDateTime now() {
        return Timestamps.now(clock);
    }
}
