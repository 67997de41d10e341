package io.mediaconnector.server;

import io.mediaconnector.account.AccountService;
import io.mediaconnector.api.AcceptNegotiation;
import io.mediaconnector.api.AccountsResource;
import io.mediaconnector.api.ApiKeyAuthentication;
import io.mediaconnector.api.ConstraintViolationMapper;
import io.mediaconnector.api.ContractResource;
import io.mediaconnector.api.FormatsResource;
import io.mediaconnector.api.HeaderSyntax;
import io.mediaconnector.api.HealthResource;
import io.mediaconnector.api.JsonProblemMapper;
import io.mediaconnector.api.MalformedHeaderMapper;
import io.mediaconnector.api.ObjectMapperResolver;
import io.mediaconnector.api.OverloadGuard;
import io.mediaconnector.api.ProblemExceptionMapper;
import io.mediaconnector.api.RequestIds;
import io.mediaconnector.api.RequestLimits;
import io.mediaconnector.api.UnexpectedExceptionMapper;
import io.mediaconnector.api.VideoRepresentation;
import io.mediaconnector.api.VideosResource;
import io.mediaconnector.api.WebApplicationExceptionMapper;
import io.mediaconnector.config.Settings;
import io.mediaconnector.db.Database;
import io.mediaconnector.video.InputFormats;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.playback.PlaybackService;
import io.mediaconnector.playback.StreamingResource;
import io.mediaconnector.playback.UrlSigner;
import io.mediaconnector.processing.EncodingRetry;
import io.mediaconnector.processing.UploadCompletion;
import io.mediaconnector.protection.KeyDelivery;
import io.mediaconnector.protection.KeyDeliveryCaching;
import io.mediaconnector.protection.KeyDeliveryResource;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.DiskSpace;
import io.mediaconnector.upload.AzureErrorDialect;
import io.mediaconnector.upload.AzureErrorMapper;
import io.mediaconnector.upload.AzureHeadersFilter;
import io.mediaconnector.upload.BlobEndpoint;
import io.mediaconnector.upload.BlobEndpointSettings;
import io.mediaconnector.upload.SasSigner;
import io.mediaconnector.upload.UploadTargets;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;


/** The one place where every resource, filter and mapper of the HTTP API is registered. */
public final class ApiApplication {
    private ApiApplication() {
    }

    public static ResourceConfig create(Components components) {
        Settings settings = components.settings;
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, false);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new ObjectMapperResolver(components.json));

        config.register(new RequestIds());
        config.register(new OverloadGuard(components.inFlight));
        config.register(new RequestLimits(settings.maxUriLength(), settings.maxRequestBodyBytes()));
        config.register(new HeaderSyntax());
        config.register(new AcceptNegotiation());
        config.register(new AcceptNegotiation.Refusal());
        config.register(new ApiKeyAuthentication(components.accounts));

        config.register(ProblemExceptionMapper.class);
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
                bind(components.videoRepository).to(VideoRepository.class);
                bind(components.blobStore).to(BlobStore.class);
                bind(components.disk).to(DiskSpace.class);
                bind(components.sasSigner).to(SasSigner.class);
                bind(components.uploadTargets).to(UploadTargets.class);
                bind(components.blobEndpointSettings).to(BlobEndpointSettings.class);
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
        config.register(BlobEndpoint.class);
        config.register(AzureErrorMapper.class);
        config.register(new AzureErrorDialect());
        config.register(new KeyDeliveryCaching());
        config.register(new AzureHeadersFilter(components.clock, () -> components.randomness.newId().toString(),
                components.blobEndpointSettings.defaultVersion()));
        return config;
    }
}
