package io.mediaconnector.api;

import io.mediaconnector.generated.server.api.HealthApi;
import jakarta.ws.rs.core.Response;

/** Liveness: answers 200 while the process serves requests. */
public class HealthResource implements HealthApi {

    @Override
    public Response getHealth() {
        return Response.ok().build();
    }
}
