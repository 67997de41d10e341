package io.mediaconnector.api;

import io.mediaconnector.generated.server.api.FormatsApi;
import io.mediaconnector.generated.server.model.Format;
import io.mediaconnector.video.InputFormats;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Singleton
public class FormatsResource implements FormatsApi {
    private final List<Format> formats;

    @Inject
    public FormatsResource(InputFormats inputFormats) {
        this.formats = inputFormats.all().entrySet().stream()
                .map(entry -> new Format().extension(entry.getKey()).mimeType(entry.getValue()))
                .toList();
    }

    @Override
    public Response listFormats() {
        return Response.ok(formats).build();
    }
}
