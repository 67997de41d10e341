package io.mediaconnector.api;

import io.mediaconnector.db.Database;
import io.mediaconnector.generated.server.api.HealthApi;
import io.mediaconnector.generated.server.model.Health;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

/** Healthy while the database answers; 503 with {@code Retry-After} when it does not. */
@Singleton
public class HealthResource implements HealthApi {
    private static final String VERSION = HealthResource.class.getPackage().getImplementationVersion();

    private final Database database;

    @Inject
    public HealthResource(Database database) {
        this.database = database;
    }

    @Override
    public Response getHealth() {
        boolean up = database.isUp();
        Health health = new Health()
                .status(up ? Health.StatusEnum.HEALTHY : Health.StatusEnum.UNHEALTHY)
                .database(up ? Health.DatabaseEnum.UP : Health.DatabaseEnum.DOWN)
                .version(VERSION == null ? "dev" : VERSION);
        return up ? Response.ok(health).build()
                : Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5").entity(health).build();
    }
}
