package io.mediaconnector.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.account.AccountService;
import io.mediaconnector.api.AcceptNegotiation;
import io.mediaconnector.api.AccountsResource;
import io.mediaconnector.api.ApiKeyAuthentication;
import io.mediaconnector.api.ConstraintViolationMapper;
import io.mediaconnector.api.ContractResource;
import io.mediaconnector.api.DomainProblemMappers;
import io.mediaconnector.api.FormatsResource;
import io.mediaconnector.api.HealthResource;
import io.mediaconnector.api.JsonProblemMapper;
import io.mediaconnector.api.MalformedHeaderMapper;
import io.mediaconnector.api.ObjectMapperResolver;
import io.mediaconnector.api.ProblemDialect;
import io.mediaconnector.api.ProblemExceptionMapper;
import io.mediaconnector.api.RequestBodyLimit;
import io.mediaconnector.api.UnexpectedExceptionMapper;
import io.mediaconnector.api.VideoRepresentation;
import io.mediaconnector.api.VideosResource;
import io.mediaconnector.api.WebApplicationExceptionMapper;
import io.mediaconnector.config.Settings;
import io.mediaconnector.db.Database;
import io.mediaconnector.http.ErrorDialect;
import io.mediaconnector.http.HeaderSyntax;
import io.mediaconnector.http.OverloadGuard;
import io.mediaconnector.http.RequestIds;
import io.mediaconnector.http.UriLengthLimit;
import io.mediaconnector.video.InputFormats;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.playback.OutputAccess;
import io.mediaconnector.playback.PlaybackService;
import io.mediaconnector.api.StreamingResource;
import io.mediaconnector.playback.UrlSigner;
import io.mediaconnector.processing.EncodingRetry;
import io.mediaconnector.processing.UploadCompletion;
import io.mediaconnector.playback.KeyDelivery;
import io.mediaconnector.api.KeyDeliveryCaching;
import io.mediaconnector.api.KeyDeliveryResource;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.DiskSpace;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;


/**
 * The one place where every resource, filter and mapper of the HTTP API is registered. The blob
 * protocol is an application of its own ({@link BlobApplication}); the two share the request-id
 * filter and the guards, each answering in its own dialect.
 */
public final class ApiApplication {
    private ApiApplication() {
    }

    /** How the HTTP layer words its refusals of requests for the API. */
    public static ErrorDialect dialect(ObjectMapper json) {
        return new ProblemDialect(json);
    }

    public static ResourceConfig create(Components components) {
        Settings settings = components.settings;
        ErrorDialect dialect = dialect(components.json);
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, false);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new ObjectMapperResolver(components.json));

        config.register(new RequestIds());
        config.register(new OverloadGuard(components.inFlight, dialect));
        config.register(new UriLengthLimit(settings.maxUriLength(), dialect));
        config.register(new RequestBodyLimit(settings.maxRequestBodyBytes()));
        config.register(new HeaderSyntax());
        config.register(new AcceptNegotiation());
        config.register(new AcceptNegotiation.Refusal());
        config.register(new ApiKeyAuthentication(components.accounts));

        config.register(ProblemExceptionMapper.class);
        DomainProblemMappers.all().forEach(config::register);
        config.register(WebApplicationExceptionMapper.class);
        config.register(JsonProblemMapper.class);
        config.register(ConstraintViolationMapper.class);
        config.register(MalformedHeaderMapper.class);
        config.register(UnexpectedExceptionMapper.class);

        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(settings).to(Settings.class);
                bind(components.database).to(Database.class);
                bind(components.formats).to(InputFormats.class);
                bind(components.accounts).to(AccountService.class);
                bind(components.videos).to(VideoService.class);
                bind(components.representation).to(VideoRepresentation.class);
                bind(components.outputAccess).to(OutputAccess.class);
                bind(components.blobStore).to(BlobStore.class);
                bind(components.disk).to(DiskSpace.class);
                bind(components.uploads).to(UploadCompletion.class);
                bind(components.retries).to(EncodingRetry.class);
                bind(components.urlSigner).to(UrlSigner.class);
                bind(components.playback).to(PlaybackService.class);
                bind(components.keyDelivery).to(KeyDelivery.class);
                bind(components.json).to(com.fasterxml.jackson.databind.ObjectMapper.class);
            }
        });
        config.register(VideosResource.class);
        config.register(FormatsResource.class);
        config.register(AccountsResource.class);
        config.register(HealthResource.class);
        config.register(ContractResource.class);
        config.register(StreamingResource.class);
        config.register(KeyDeliveryResource.class);
        config.register(new KeyDeliveryCaching());
        return config;
    }
}
