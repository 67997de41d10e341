package io.mediaconnector.api;

import io.mediaconnector.config.Settings;
import io.mediaconnector.generated.server.api.VideosApi;
import io.mediaconnector.generated.server.model.AuthorizationToken;
import io.mediaconnector.generated.server.model.PlaybackEndpoint;
import io.mediaconnector.generated.server.model.Thumbnail;
import io.mediaconnector.generated.server.model.VideoCreate;
import io.mediaconnector.generated.server.model.VideoUpdate;
import io.mediaconnector.playback.PlaybackService;
import io.mediaconnector.playback.KeyDelivery;
import io.mediaconnector.processing.EncodingRetry;
import io.mediaconnector.processing.UploadCompletion;
import io.mediaconnector.video.DetailsChange;
import io.mediaconnector.video.NewVideo;
import io.mediaconnector.video.PageCursor;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoPage;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;
import java.util.UUID;

/** The Video resource of the contract: thin, every rule lives in {@link VideoService}. */
@Singleton
public class VideosResource implements VideosApi {
    /** How long a client polling Status should wait while a video processes. */
    private static final String RETRY_AFTER_SECONDS = "2";

    private final VideoService videos;
    private final VideoRepresentation representation;
    private final Settings settings;
    private final UploadCompletion uploads;
    private final PlaybackService playback;
    private final KeyDelivery keys;
    private final EncodingRetry retries;

    @Context
    private SecurityContext security;

    @Inject
    public VideosResource(VideoService videos, VideoRepresentation representation, Settings settings,
                          UploadCompletion uploads, PlaybackService playback, KeyDelivery keys,
                          EncodingRetry retries) {
        this.keys = keys;
        this.retries = retries;
        this.videos = videos;
        this.representation = representation;
        this.settings = settings;
        this.uploads = uploads;
        this.playback = playback;
    }

    @Override
    public Response createVideo(VideoCreate body) {
        VideoService.CreatedVideo created = videos.create(Callers.of(security), new NewVideo(body.getOriginalFileName(),
                body.getContentProtectionMode(), body.getInputStorageEncryptionMode(), body.getName(),
                body.getDescription(), body.getTags(), body.getMetadata()));
        Video video = created.video();
        return Response.created(videoUri(video.id()))
                .header(HttpHeaders.ETAG, video.etag())
                .entity(representation.created(created))
                .build();
    }

    @Override
    public Response getVideo(UUID id, String ifNoneMatch) {
        Video video = videos.get(Callers.of(security), id);
        if (EntityTags.noneMatchHits(ifNoneMatch, video.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, video.etag()).build();
        }
        return Response.ok(representation.of(video)).header(HttpHeaders.ETAG, video.etag()).build();
    }

    @Override
    public Response listVideos(String status, String tag, Integer pageSize, String pageToken) {
        VideoPage page = videos.list(Callers.of(security), status, tag, pageSize, pageToken);
        String nextPageToken = page.next().map(PageCursor::encode).orElse(null);
        return Response.ok(new io.mediaconnector.generated.server.model.VideoPage()
                .value(page.videos().stream().map(representation::of).toList())
                .nextLink(nextPageToken == null ? null : nextLink(status, tag, pageSize, nextPageToken))
                .nextPageToken(nextPageToken)).build();
    }

    /** The same listing from {@code pageToken} on, as an absolute URL. */
    private URI nextLink(String status, String tag, Integer pageSize, String pageToken) {
        return UriBuilder.fromUri(settings.baseUrl()).path("api/Videos")
                .queryParam("status", status == null ? new Object[0] : new Object[] {status})
                .queryParam("tag", tag == null ? new Object[0] : new Object[] {tag})
                .queryParam("pageSize", pageSize)
                .queryParam("pageToken", pageToken)
                .build();
    }

    @Override
    public Response updateVideo(UUID id, VideoUpdate body, String ifMatch) {
        Long expected = EntityTags.expectedVersion(ifMatch);
        Video video = videos.updateDetails(Callers.of(security), id, expected,
                new DetailsChange(body.getName(), body.getDescription(), body.getTags(), body.getMetadata()));
        return Response.ok(representation.of(video)).header(HttpHeaders.ETAG, video.etag()).build();
    }

    @Override
    public Response deleteVideo(UUID id) {
        videos.delete(Callers.of(security), id);
        return Response.noContent().build();
    }

    @Override
    public Response markVideoComplete(UUID id) {
        return encodingAccepted(uploads.markComplete(Callers.of(security), id));
    }

    @Override
    public Response retryVideoEncoding(UUID id) {
        return encodingAccepted(retries.retry(Callers.of(security), id));
    }

    @Override
    public Response getVideoStatus(UUID id) {
        Video video = videos.get(Callers.of(security), id);
        Response.ResponseBuilder response = Response.ok(representation.statusOf(video));
        if (video.state() == VideoState.PROCESSING) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    @Override
    public Response getPlaybackEndpoint(UUID id, String endpointType) {
        PlaybackService.Endpoint endpoint = playback.endpoint(Callers.of(security), id, endpointType);
        return Response.ok(new PlaybackEndpoint()
                .type(endpoint.type().wireName())
                .playbackUrl(endpoint.url())).build();
    }

    @Override
    public Response getAuthorizationToken(UUID id, String keyId) {
        return Response.ok(new AuthorizationToken().value(keys.authorizationToken(Callers.of(security), id, keyId)))
                .header("Cache-Control", "no-store")
                .build();
    }

    @Override
    public Response listThumbnails(UUID id) {
        return Response.ok(playback.thumbnails(Callers.of(security), id).stream()
                .map(VideosResource::thumbnail).toList()).build();
    }

    @Override
    public Response getThumbnail(UUID id, Integer index) {
        return Response.temporaryRedirect(playback.thumbnail(Callers.of(security), id, index)).build();
    }

    private static Thumbnail thumbnail(PlaybackService.ThumbnailLink link) {
        return new Thumbnail()
                .kind(link.thumbnail().poster() ? Thumbnail.KindEnum.POSTER : Thumbnail.KindEnum.THUMBNAIL)
                .height(link.thumbnail().height())
                .index(link.thumbnail().index())
                .time(link.thumbnail().timeSeconds())
                .url(link.url());
    }

    /** 202 with the status, and where to follow it. */
    private Response encodingAccepted(Video video) {
        return Response.accepted(representation.statusOf(video))
                .location(URI.create(videoUri(video.id()) + "/Status"))
                .build();
    }

    private URI videoUri(UUID id) {
        return URI.create(settings.baseUrl() + "/api/Videos/" + id);
    }
}
