package io.mediaconnector.upload;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Adds the headers every Azure Storage response carries besides {@code x-ms-request-id} (which
 * the node's one request-id filter sets for every application): {@code x-ms-version} (the
 * request's, else {@link BlobEndpointSettings#defaultVersion()}), {@code Date}, and the client's
 * {@code x-ms-client-request-id} echoed back.
 */
public final class AzureHeadersFilter implements ContainerResponseFilter {
    static final int MAX_CLIENT_REQUEST_ID = 1024;

    private final Clock clock;
    private final String defaultVersion;

    public AzureHeadersFilter(Clock clock, String defaultVersion) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultVersion = Objects.requireNonNull(defaultVersion, "defaultVersion");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        String version = request.getHeaderString("x-ms-version");
        headers.putSingle("x-ms-version", version == null || version.isBlank() ? defaultVersion : version);
        String clientRequestId = request.getHeaderString("x-ms-client-request-id");
        // Azure allows 1 KiB here; a longer value is not echoed (answers never echo unbounded input).
        if (clientRequestId != null && clientRequestId.length() <= MAX_CLIENT_REQUEST_ID) {
            headers.putSingle("x-ms-client-request-id", clientRequestId);
        }
        headers.putSingle("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)));
    }
}
