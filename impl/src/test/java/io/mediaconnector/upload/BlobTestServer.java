package io.mediaconnector.upload;

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
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** A real Grizzly server with the blob endpoint on a free port, wired as the service will wire it. */
final class BlobTestServer implements AutoCloseable {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret".getBytes();
    static final String ACCOUNT = "mediaconnector";

    final BlobStore store;
    final SasSigner sas;
    final InMemoryUploadTargets targets = new InMemoryUploadTargets();
    final int port;
    private final HttpServer server;

    BlobTestServer(Path root, BlobEndpointSettings settings) throws IOException {
        this.store = new FileSystemBlobStore(root, Clock.systemUTC());
        this.sas = new SasSigner(ACCOUNT, SECRET, Clock.systemUTC());
        this.port = freePort();
        this.server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + "/"),
                resourceConfig(store, sas, targets, settings, new DiskSpace(root, 0)), true);
    }

    static ResourceConfig resourceConfig(BlobStore store, SasSigner sas, UploadTargets targets,
                                         BlobEndpointSettings settings, DiskSpace disk) {
        return new ResourceConfig()
                .register(BlobEndpoint.class)
                .register(AzureErrorMapper.class)
                .register(new AzureHeadersFilter(Clock.systemUTC(), settings.defaultVersion()))
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(store).to(BlobStore.class);
                        bind(sas).to(SasSigner.class);
                        bind(targets).to(UploadTargets.class);
                        bind(settings).to(BlobEndpointSettings.class);
                        bind(disk).to(DiskSpace.class);
                    }
                })
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
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
