package io.mediaconnector.api;

import io.mediaconnector.failure.NotFoundException;
import io.mediaconnector.playback.OutputAccess;
import io.mediaconnector.storage.BlobNotFoundException;
import io.mediaconnector.storage.BlobProperties;
import io.mediaconnector.storage.BlobRead;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.ByteRange;
import io.mediaconnector.storage.InvalidBlobNameException;
import io.mediaconnector.storage.InvalidRangeException;
import io.mediaconnector.storage.RangeHeader;
import io.mediaconnector.support.MediaTypes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Serves a video's published outputs to players at {@code /stream/<locator>/<path>}: the
 * locator is an unguessable secret per video, the path stays inside the outputs (no
 * traversal), thumbnails need a signed URL. Byte ranges, CORS for browser players, long cache
 * lifetimes for segments that never change.
 */
@Singleton
@Path("stream/{locator}/{path: .+}")
public class StreamingResource {
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String SHORT = "public, max-age=5";

    private final OutputAccess access;
    private final BlobStore store;

    @Inject
    public StreamingResource(OutputAccess access, BlobStore store) {
        this.access = access;
        this.store = store;
    }

    @GET
    public Response get(@PathParam("locator") String locator, @PathParam("path") String path,
                        @HeaderParam("Range") String range, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @QueryParam("se") String se, @QueryParam("sig") String sig) {
        return serve(locator, path, range, ifNoneMatch, se, sig, true);
    }

    @HEAD
    public Response head(@PathParam("locator") String locator, @PathParam("path") String path,
                         @HeaderParam("Range") String range, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @QueryParam("se") String se, @QueryParam("sig") String sig) {
        return serve(locator, path, range, ifNoneMatch, se, sig, false);
    }

    /** CORS preflight: players send {@code Range} (and a bearer header for protected keys). */
    @OPTIONS
    public Response preflight() {
        return cors(Response.noContent())
                .header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
                .header("Access-Control-Allow-Headers", "Range, Authorization, Content-Type")
                .header("Access-Control-Max-Age", "86400")
                .build();
    }

    private Response serve(String locator, String path, String range, String ifNoneMatch, String se, String sig,
                           boolean withBody) {
        OutputAccess.StoredOutput output = access.resolve(locator, path, se, sig);
        String container = output.container();
        String blob = output.blob();
        try {
            BlobProperties properties = store.getProperties(container, blob).orElseThrow(StreamingResource::notFound);
            if (ifNoneMatch != null && ifNoneMatch.contains(properties.etag())) {
                return cors(Response.notModified().tag(unquoted(properties.etag()))).build();
            }
            // RFC 9110: a Range that does not parse is ignored, and the whole file served.
            Optional<ByteRange> requested = RangeHeader.parse(range).map(r -> r.resolve(properties.length()));
            BlobRead read = store.openForRead(container, blob, requested);
            Response.ResponseBuilder response = cors(Response.status(read.isPartial() ? 206 : 200))
                    .type(MediaTypes.of(path))
                    .header(HttpHeaders.CONTENT_LENGTH, read.length())
                    .header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.ETAG, properties.etag())
                    .header(HttpHeaders.LAST_MODIFIED, java.util.Date.from(properties.lastModified()))
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl(path));
            if (read.isPartial()) {
                response.header("Content-Range", "bytes " + read.offset() + "-" + (read.offset() + read.length() - 1)
                        + "/" + properties.length());
            }
            if (!withBody) {
                read.close();
                return response.build();
            }
            return response.entity((StreamingOutput) out -> {
                try (BlobRead body = read; InputStream in = body.content()) {
                    in.transferTo(out);
                }
            }).build();
        } catch (BlobNotFoundException | InvalidBlobNameException e) {
            throw notFound();
        } catch (InvalidRangeException e) {
            return cors(Response.status(416)).header("Content-Range", "bytes */" + lengthOf(container, blob)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long lengthOf(String container, String blob) {
        try {
            return store.getProperties(container, blob).map(BlobProperties::length).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String cacheControl(String path) {
        if (path.contains("/thumbnails/")) {
            return "private, max-age=3600";
        }
        return MediaTypes.isManifest(path) ? SHORT : IMMUTABLE;
    }

    private static Response.ResponseBuilder cors(Response.ResponseBuilder builder) {
        return builder.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges, ETag");
    }

    private static jakarta.ws.rs.core.EntityTag unquoted(String etag) {
        return new jakarta.ws.rs.core.EntityTag(etag.replace("\"", ""));
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Nothing is published at this address.");
    }
}
