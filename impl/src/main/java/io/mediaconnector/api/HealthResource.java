package io.mediaconnector.api;

import io.mediaconnector.db.Database;
import io.mediaconnector.generated.server.api.HealthApi;
import io.mediaconnector.generated.server.model.Health;
import io.mediaconnector.storage.DiskSpace;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

/**
 * Healthy while the database answers and the data directory's disk has more free space than the
 * reserve; 503 with {@code Retry-After} otherwise, naming what is wrong.
 */
@Singleton
public class HealthResource implements HealthApi {
    private static final String VERSION = HealthResource.class.getPackage().getImplementationVersion();

    private final Database database;
    private final DiskSpace disk;

    @Inject
    public HealthResource(Database database, DiskSpace disk) {
        this.database = database;
        this.disk = disk;
    }

    @Override
    public Response getHealth() {
        boolean databaseUp = database.isUp();
        long free = disk.freeBytes();
        boolean diskOk = free >= disk.reserveBytes();
        boolean up = databaseUp && diskOk;
        Health health = new Health()
                .status(up ? Health.StatusEnum.HEALTHY : Health.StatusEnum.UNHEALTHY)
                .database(databaseUp ? Health.DatabaseEnum.UP : Health.DatabaseEnum.DOWN)
                .disk(diskOk ? Health.DiskEnum.OK : Health.DiskEnum.LOW)
                .diskFreeBytes(free)
                .diskReserveBytes(disk.reserveBytes())
                .version(VERSION == null ? "dev" : VERSION);
        return up ? Response.ok(health).build()
                : Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5").entity(health).build();
    }
}
