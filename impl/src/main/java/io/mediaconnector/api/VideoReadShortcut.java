package io.mediaconnector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.mediaconnector.account.AccountService;
import io.mediaconnector.account.Scope;
import io.mediaconnector.http.InFlightLimit;
import io.mediaconnector.http.RequestIds;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/Videos/{id}}, the API's hottest read, answered on Grizzly before Jersey: the
 * Jersey pipeline (matching, filters, validation, per-request injection) costs several times the
 * read itself. Only the plain case is answered here: a GET of an exact video URI without query,
 * an {@code Accept} that takes JSON, a live key with the read scope and a video of the caller's
 * account. Every other request, every error included, goes on to Jersey untouched, so the
 * contract's error answers keep one source. What is answered here matches Jersey's answer
 * header for header ({@code VideosApiIT} compares the two).
 */
public final class VideoReadShortcut extends HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VideoReadShortcut.class);
    private static final String PREFIX = "/api/Videos/";
    private static final int ID_LENGTH = 36;

    private final HttpHandler jersey;
    private final AccountService accounts;
    private final VideoService videos;
    private final VideoRepresentation representation;
    private final ObjectWriter json;
    private final InFlightLimit limit;

    public VideoReadShortcut(HttpHandler jersey, AccountService accounts, VideoService videos,
                             VideoRepresentation representation, ObjectMapper mapper, InFlightLimit limit) {
        this.jersey = jersey;
        this.accounts = accounts;
        this.videos = videos;
        this.representation = representation;
        this.json = mapper.writerFor(io.mediaconnector.generated.server.model.Video.class);
        this.limit = limit;
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        long started = System.nanoTime();
        UUID id = plainVideoRead(request.getMethod().getMethodString(), request.getRequestURI(),
                request.getQueryString(), request.getHeader(Header.Accept));
        if (id == null || !limit.tryEnter()) {
            jersey.service(request, response);
            return;
        }
        boolean answered;
        try {
            answered = answer(request, response, id, started);
        } finally {
            limit.leave();
        }
        if (!answered) {
            jersey.service(request, response);
        }
    }

    /** The video id when the request is the plain read this class answers, else null. */
    static UUID plainVideoRead(String method, String rawPath, String query, String accept) {
        if (!"GET".equals(method) || query != null || !takesJson(accept)) {
            return null;
        }
        if (rawPath.length() != PREFIX.length() + ID_LENGTH || !rawPath.startsWith(PREFIX)) {
            return null;
        }
        return canonicalId(rawPath.substring(PREFIX.length()));
    }

    /**
     * Whether an {@code Accept} header plainly takes JSON: absent, or listing {@code
     * application/json}, {@code application/*} or {@code *}{@code /*} without parameters. Anything
     * subtler (quality values, other types only) is Jersey's to negotiate.
     */
    static boolean takesJson(String accept) {
        if (accept == null) {
            return true;
        }
        if (accept.indexOf(';') >= 0) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.trim();
            if (type.equalsIgnoreCase("application/json") || type.equals("application/*") || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    /** A UUID in its canonical lowercase form, the only one this shortcut takes; else null. */
    private static UUID canonicalId(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return UUID.fromString(text);
    }

    /** Answers and returns true, or returns false having written nothing, for Jersey to answer. */
    private boolean answer(Request request, Response response, UUID id, long started) throws IOException {
        Video video;
        byte[] body;
        try {
            Optional<Video> found = ApiKeyAuthentication.bearerSecret(request.getHeader(Header.Authorization))
                    .flatMap(accounts::authenticate)
                    .filter(caller -> caller.may(Scope.READ))
                    .flatMap(caller -> videos.find(caller, id));
            if (found.isEmpty()) {
                return false; // no key, a bad key, or no such video of this account: Jersey's problem answers
            }
            video = found.get();
            boolean notModified = EntityTags.noneMatchHits(request.getHeader(Header.IfNoneMatch), video.etag());
            body = notModified ? null : json.writeValueAsBytes(representation.of(video));
        } catch (RuntimeException | JsonProcessingException e) {
            // e.g. the database is unreachable: Jersey tries again and answers with the right problem
            LOG.debug("video read shortcut failed; Jersey answers instead", e);
            return false;
        }
        String requestId = RequestIds.newId();
        response.setHeader(Header.ETag, video.etag());
        response.setHeader(RequestIds.HEADER, requestId);
        if (body == null) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
        } else {
            response.setStatus(HttpStatus.OK_200);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        }
        RequestIds.logAccess("GET", request.getRequestURI(), response.getStatus(), started, requestId);
        return true;
    }
}
