package io.mediaconnector.upload;

import io.mediaconnector.http.InFlightLimit;
import io.mediaconnector.server.BlobApplication;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.DiskSpace;
import io.mediaconnector.storage.filesystem.FileSystemBlobStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A real Grizzly server with the blob protocol's application on a free port, wired as the service wires it. */
final class BlobTestServer implements AutoCloseable {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret".getBytes();
    static final String ACCOUNT = "mediaconnector";
    static final int MAX_URI_LENGTH = 8192;
    static final int MAX_CONCURRENT_REQUESTS = 64;

    final BlobStore store;
    final SasSigner sas;
    final InMemoryUploadTargets targets = new InMemoryUploadTargets();
    final int port;
    private final HttpServer server;

    BlobTestServer(Path root, BlobEndpointSettings settings) throws IOException {
        this(root, settings, new InFlightLimit(MAX_CONCURRENT_REQUESTS), UnaryOperator.identity());
    }

    /**
     * @param inFlight the limit of requests in flight, which a test may take places of to provoke overload
     * @param decorate wraps the file-system store the endpoint gets, e.g. to make it fail
     */
    BlobTestServer(Path root, BlobEndpointSettings settings, InFlightLimit inFlight, UnaryOperator<BlobStore> decorate)
            throws IOException {
        this.store = decorate.apply(new FileSystemBlobStore(root, Clock.systemUTC(), new DiskSpace(root.getParent(), 0)));
        this.sas = new SasSigner(ACCOUNT, SECRET, Clock.systemUTC());
        this.port = freePort();
        ResourceConfig application = BlobApplication.create(
                new BlobApplication.Parts(store, sas, targets, settings),
                inFlight, MAX_URI_LENGTH, Clock.systemUTC());
        HttpServer grizzly = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + "/"),
                application, false);
        for (NetworkListener listener : grizzly.getListeners()) {
            // As the service: room above the URI limit, so an over-long URI reaches the application's 414.
            listener.setMaxHttpHeaderSize(MAX_URI_LENGTH + 16 * 1024);
        }
        grizzly.start();
        this.server = grizzly;
    }

    String blobUrl(String container, String blob) {
        return "http://127.0.0.1:" + port + "/blob/" + container + "/" + blob;
    }

    String sasUrl(String container, String blob, Set<SasPermission> permissions) {
        Instant now = Instant.now();
        return blobUrl(container, blob) + "?" + sas.sign(container, permissions, now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofHours(12)));
    }

    /** The UploadUri the service hands out: create + write + read, container-scoped. */
    String uploadUri(String container, String blob) {
        return sasUrl(container, blob, EnumSet.of(SasPermission.READ, SasPermission.CREATE, SasPermission.WRITE));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
