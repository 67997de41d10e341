package io.mediaconnector.server;

import io.mediaconnector.http.ErrorDialect;
import io.mediaconnector.http.HeaderSyntax;
import io.mediaconnector.http.InFlightLimit;
import io.mediaconnector.http.OverloadGuard;
import io.mediaconnector.http.RequestIds;
import io.mediaconnector.http.UriLengthLimit;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.upload.AzureErrorMapper;
import io.mediaconnector.upload.AzureHeadersFilter;
import io.mediaconnector.upload.BlobEndpoint;
import io.mediaconnector.upload.BlobEndpointSettings;
import io.mediaconnector.upload.IoFailureMapper;
import io.mediaconnector.upload.MalformedHeaderErrorMapper;
import io.mediaconnector.upload.SasSigner;
import io.mediaconnector.upload.StoreFailureMapper;
import io.mediaconnector.upload.UnexpectedErrorMapper;
import io.mediaconnector.upload.UploadTargets;
import io.mediaconnector.upload.WebApplicationErrorMapper;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.time.Clock;

/**
 * The blob protocol as an application of its own (mounted at {@code /blob}): the one place where
 * its resource, filters and exception mappers are registered. Every error it answers is Azure
 * Storage's XML with {@code x-ms-error-code}; the request id and the guards (overload, URI length,
 * header syntax) are the same components the API uses, worded by {@link AzureRefusals}.
 */
public final class BlobApplication {
    /** Where the node mounts the blob protocol: the first segment of its paths. */
    public static final String MOUNT = "blob";

    private BlobApplication() {
    }

    /** How the HTTP layer words its refusals of requests for the blob protocol. */
    public static ErrorDialect dialect() {
        return new AzureRefusals();
    }

    /** What the blob endpoint works with: where blobs go, who may write them, its limits. */
    public record Parts(BlobStore store, SasSigner sas, UploadTargets targets, BlobEndpointSettings settings) {
    }

    public static ResourceConfig create(Components components) {
        return create(new Parts(components.blobStore, components.sasSigner, components.uploadTargets,
                        components.blobEndpointSettings),
                components.inFlight, components.settings.maxUriLength(), components.clock);
    }

    /** The application over {@code parts}, sharing the node's in-flight limit; tests run it on its own. */
    public static ResourceConfig create(Parts parts, InFlightLimit inFlight, int maxUriLength, Clock clock) {
        ErrorDialect dialect = dialect();
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        // Exactly what is registered here: no JSON or bean-validation features (and their mappers) found on the classpath.
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);

        config.register(new RequestIds());
        config.register(new OverloadGuard(inFlight, dialect));
        config.register(new UriLengthLimit(maxUriLength, dialect));
        config.register(new HeaderSyntax());
        config.register(new AzureHeadersFilter(clock, parts.settings().defaultVersion()));

        config.register(AzureErrorMapper.class);
        config.register(StoreFailureMapper.class);
        config.register(IoFailureMapper.class);
        config.register(WebApplicationErrorMapper.class);
        config.register(MalformedHeaderErrorMapper.class);
        config.register(UnexpectedErrorMapper.class);

        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(parts.store()).to(BlobStore.class);
                bind(parts.sas()).to(SasSigner.class);
                bind(parts.targets()).to(UploadTargets.class);
                bind(parts.settings()).to(BlobEndpointSettings.class);
            }
        });
        config.register(BlobEndpoint.class);
        return config;
    }
}
