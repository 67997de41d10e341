package io.mediaconnector.api;

import io.mediaconnector.config.Settings;
import io.mediaconnector.generated.server.api.VideosApi;
import io.mediaconnector.generated.server.model.VideoCreate;
import io.mediaconnector.generated.server.model.VideoUpdate;
import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.video.NewVideo;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.Video.VideoDetails;
import io.mediaconnector.video.VideoPage;
import io.mediaconnector.video.VideoService;
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
    private final VideoService videos;
    private final VideoRepresentation representation;
    private final Settings settings;

    @Context
    private SecurityContext security;

    @Inject
    public VideosResource(VideoService videos, VideoRepresentation representation, Settings settings) {
        this.videos = videos;
        this.representation = representation;
        this.settings = settings;
    }

    @Override
    public Response createVideo(VideoCreate body) {
        Video video = videos.create(Callers.of(security), new NewVideo(body.getOriginalFileName(),
                body.getContentProtectionMode(), body.getInputStorageEncryptionMode(), body.getName(),
                body.getDescription(), body.getTags(), body.getMetadata()));
        return Response.created(videoUri(video.id()))
                .header(HttpHeaders.ETAG, video.etag())
                .entity(representation.of(video))
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
        var body = new io.mediaconnector.generated.server.model.VideoPage()
                .value(page.videos().stream().map(representation::of).toList())
                .nextLink(page.next().map(next -> UriBuilder.fromUri(settings.baseUrl()).path("api/Videos")
                        .queryParam("status", status == null ? new Object[0] : new Object[] {status})
                        .queryParam("tag", tag == null ? new Object[0] : new Object[] {tag})
                        .queryParam("pageSize", pageSize)
                        .queryParam("pageToken", next.encode())
                        .build()).orElse(null));
        return Response.ok(body).build();
    }

    @Override
    public Response updateVideo(UUID id, VideoUpdate body, String ifMatch) {
        Long expected = EntityTags.expectedVersion(ifMatch);
        Video video = videos.updateDetails(Callers.of(security), id, expected,
                new VideoDetails(body.getName(), body.getDescription(), body.getTags(), body.getMetadata()));
        return Response.ok(representation.of(video)).header(HttpHeaders.ETAG, video.etag()).build();
    }

    @Override
    public Response deleteVideo(UUID id) {
        videos.delete(Callers.of(security), id);
        return Response.noContent().build();
    }

    @Override
    public Response markVideoComplete(UUID id) {
        videos.get(Callers.of(security), id);
        throw ProblemException.notImplemented("MarkComplete (encoding)");
    }

    @Override
    public Response getVideoStatus(UUID id) {
        Video video = videos.get(Callers.of(security), id);
        return Response.ok(representation.statusOf(video)).build();
    }

    @Override
    public Response getPlaybackEndpoint(UUID id, String endpointType) {
        videos.get(Callers.of(security), id);
        throw ProblemException.notImplemented("PlaybackEndpoint (playback)");
    }

    @Override
    public Response getAuthorizationToken(UUID id, String keyId) {
        videos.get(Callers.of(security), id);
        throw ProblemException.notImplemented("AuthorizationToken (protected playback)");
    }

    @Override
    public Response listThumbnails(UUID id) {
        videos.get(Callers.of(security), id);
        throw ProblemException.notImplemented("Thumbnails");
    }

    @Override
    public Response getThumbnail(UUID id, Integer index) {
        videos.get(Callers.of(security), id);
        throw ProblemException.notImplemented("Thumbnails");
    }

    private URI videoUri(UUID id) {
        return URI.create(settings.baseUrl() + "/api/Videos/" + id);
    }
}
