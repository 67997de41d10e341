package io.mediaconnector.db;

import io.mediaconnector.config.Settings;
import io.mediaconnector.config.SettingsLoader;

import java.nio.file.Path;
import java.util.Map;

/** A real, migrated H2 database in a test's temporary directory. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database open(Path dir) {
        Settings settings = new SettingsLoader(Map.of()).load(0, dir);
        return Database.open(settings);
    }
}
