package io.mediaconnector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.generated.server.model.Video;
import io.mediaconnector.support.Json;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The floor the API benchmark compares the service against: Grizzly alone (same default
 * listener and worker pool as the service, no Jersey, no auth, no database, no logging)
 * answering {@code GET /api/Videos/{id}} by serialising the contract's {@code Video}, filled
 * like a freshly created one, with the service's own mapper configuration. The body is
 * serialised on every request, as the service does; only building the object is done once.
 *
 * <p>Usage: {@code BareVideoServer <port>}. Runs until killed.
 */
public final class BareVideoServer {
    private static final String PREFIX = "/api/Videos/";

    private BareVideoServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: BareVideoServer <port>");
            System.exit(2);
        }
        HttpServer server = start(Integer.parseInt(args[0]));
        System.out.println("bare video server listening on port " + server.getListener("bare").getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    public static HttpServer start(int port) throws IOException {
        HttpServer server = new HttpServer();
        server.addListener(new NetworkListener("bare", "0.0.0.0", port));
        server.getServerConfiguration().addHttpHandler(new VideoHandler(Json.newMapper()), "/api/Videos");
        server.start();
        return server;
    }

    /** Serves any {@code /api/Videos/{uuid}} with the same sample video (its id echoed). */
    static final class VideoHandler extends HttpHandler {
        private final ObjectMapper json;
        private final OffsetDateTime created =
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

        VideoHandler(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            String uri = request.getRequestURI();
            UUID id;
            try {
                id = uri.startsWith(PREFIX) ? UUID.fromString(uri.substring(PREFIX.length())) : null;
            } catch (IllegalArgumentException e) {
                id = null;
            }
            if (id == null || !"GET".equals(request.getMethod().getMethodString())) {
                response.setStatus(HttpStatus.NOT_FOUND_404);
                return;
            }
            byte[] body = json.writeValueAsBytes(sample(id));
            response.setStatus(HttpStatus.OK_200);
            response.setContentType("application/json");
            response.setHeader("ETag", "\"1\"");
            response.setContentLength(body.length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        }

        /** What the service returns for a video just created from {@code {"OriginalFileName":"clip.mp4"}}. */
        private Video sample(UUID id) {
            return new Video()
                    .id(id)
                    .originalFileName(UUID.nameUUIDFromBytes(id.toString().getBytes()) + ".mp4")
                    .uploadUri(null)
                    .duration(0)
                    .contentProtectionMode("None")
                    .contentProtectionKeyId(null)
                    .inputStorageEncryptionMode(null)
                    .inputStorageEncryptionSymmetricKey(null)
                    .inputStorageEncryptionIv(null)
                    .name("clip.mp4")
                    .description("")
                    .tags(List.of())
                    .metadata(Map.of())
                    .status("Created")
                    .statusCode(0)
                    .playable(false)
                    .created(created)
                    .updated(created);
        }
    }
}
