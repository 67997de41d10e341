package io.mediaconnector.db;

import io.mediaconnector.config.Settings;
import io.mediaconnector.config.SettingsLoader;

import java.nio.file.Path;
import java.util.Map;

/** A real, migrated database of either engine; each call gets a fresh, empty one. */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** The engines the repository tests run on (one parameterized test class covers both). */
    public enum Engine {
        SQLITE, POSTGRESQL
    }

    public static Database open(Engine engine, Path dir) {
        return Database.open(settings(engine, dir));
    }

    /** Settings of a service on this engine, its data under {@code dir}. */
    public static Settings settings(Engine engine, Path dir) {
        Map<String, String> env = switch (engine) {
            case SQLITE -> Map.of();
            case POSTGRESQL -> TestPostgres.newDatabase();
        };
        return new SettingsLoader(env).load(0, dir);
    }
}
