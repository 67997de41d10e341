package io.mediaconnector.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import io.mediaconnector.config.Settings;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool, migrated on open; the one way the service reaches its database. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    public static Database open(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.databaseUrl());
        config.setUsername(settings.databaseUser());
        config.setPassword(settings.databasePassword());
        config.setMaximumPoolSize(settings.databasePoolSize());
        config.setPoolName("media-connector");
        // A request waiting longer than this for a connection is overload: it becomes 503.
        config.setConnectionTimeout(5_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for the few hot reads where Jdbi's per-statement setup would dominate. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether the database answers a trivial query within a second. */
    public boolean isUp() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
