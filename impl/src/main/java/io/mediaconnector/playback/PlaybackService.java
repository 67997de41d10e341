package io.mediaconnector.playback;

import io.mediaconnector.account.Caller;
import io.mediaconnector.failure.StateConflictException;
import io.mediaconnector.failure.NotFoundException;
import io.mediaconnector.failure.NotImplementedException;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.Publication.OutputSet;
import io.mediaconnector.video.Publication.PublishedThumbnail;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoState;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Playback URLs and thumbnail URLs of a caller's video. */
public final class PlaybackService {
    private final VideoService videos;
    private final UrlSigner signer;
    private final String baseUrl;
    private final Duration urlValidity;
    private final Clock clock;

    public PlaybackService(VideoService videos, UrlSigner signer, String baseUrl, Duration urlValidity, Clock clock) {
        this.videos = videos;
        this.signer = signer;
        this.baseUrl = baseUrl;
        this.urlValidity = urlValidity;
        this.clock = clock;
    }

    public record Endpoint(PlaybackType type, URI url) {
    }

    public record ThumbnailLink(PublishedThumbnail thumbnail, URI url) {
    }

    public Endpoint endpoint(Caller caller, UUID id, String endpointType) {
        PlaybackType type = PlaybackType.parse(endpointType);
        Video video = videos.get(caller, id);
        if (video.state() == VideoState.FAILED && video.publication().outputSet().isEmpty()) {
            throw new StateConflictException("The video failed to encode, so there is nothing to play: "
                    + video.statusMessage() + " Fix the cause, then POST …/Retry to encode it again.");
        }
        OutputSet set = video.publication().outputSet().orElseThrow(() -> new StateConflictException(
                "The video is not playable yet; GET its Status to see how far processing is."));
        if (video.contentProtection() == ContentProtection.AES128) {
            String path = type.protectedPath().orElseThrow(() -> new NotImplementedException(type.wireName()
                    + " playback of AES-128 protected content (only HLS with AES-128 and DASH with ClearKey carry"
                    + " the protection; serving it otherwise would expose the clear video)"));
            return new Endpoint(type, URI.create(streamUrl(video, path)));
        }
        String path = type.path(set).orElseThrow(() -> new StateConflictException(
                type.wireName() + " playback is available once encoding completes; HLS and DASH already play."));
        return new Endpoint(type, URI.create(streamUrl(video, path)));
    }

    public List<ThumbnailLink> thumbnails(Caller caller, UUID id) {
        Video video = videos.get(caller, id);
        if (video.state() != VideoState.COMPLETED) {
            throw new StateConflictException("Thumbnails are made when encoding completes; the video is "
                    + video.state().wireName() + ".");
        }
        return video.publication().thumbnails().stream()
                .map(thumbnail -> new ThumbnailLink(thumbnail, signedUrl(video, thumbnail.path())))
                .toList();
    }

    public URI thumbnail(Caller caller, UUID id, int index) {
        return thumbnails(caller, id).stream()
                .filter(link -> link.thumbnail().index() == index)
                .findFirst()
                .map(ThumbnailLink::url)
                .orElseThrow(() -> new NotFoundException("The video has no thumbnail with index " + index + "."));
    }

    private URI signedUrl(Video video, String path) {
        String streamPath = streamPath(video, path);
        return URI.create(baseUrl + streamPath + "?" + signer.sign(streamPath, clock.instant().plus(urlValidity)));
    }

    private String streamUrl(Video video, String path) {
        return baseUrl + streamPath(video, path);
    }

    /**
     * {@code /stream/<locator>/<path>}; a protected video's locator segment carries an expiring
     * signature, which every segment URL a manifest names relatively inherits.
     */
    private String streamPath(Video video, String path) {
        String locator = video.publication().locator().orElseThrow();
        if (video.contentProtection() == ContentProtection.AES128) {
            locator = locator + "." + signer.pathToken(lockedLocator(locator), clock.instant().plus(urlValidity));
        }
        return "/stream/" + locator + "/" + path;
    }

    /** What a protected locator's signature covers. */
    static String lockedLocator(String locator) {
        return "/stream/" + locator;
    }
}
