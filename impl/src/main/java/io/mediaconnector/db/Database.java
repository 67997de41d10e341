package io.mediaconnector.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mediaconnector.config.Settings;
import io.mediaconnector.support.Transactions;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The connection pool, migrated on open; the one way the service reaches its database. */
public final class Database implements Transactions, AutoCloseable {
    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final ColumnTypes types;
    private final Jdbi jdbi;
    /** The after-commit actions of the transaction this thread is in, if it is in one. */
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.types = ColumnTypes.of(dialect);
        this.jdbi = Jdbi.create(dataSource);
        types.install(jdbi);
    }

    public static Database open(Settings settings) {
        Dialect dialect = Dialect.of(settings.databaseUrl());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.databaseUrl());
        settings.databaseUser().ifPresent(config::setUsername);
        settings.databasePassword().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.databasePoolSize());
        config.setPoolName("media-connector");
        // A request waiting longer than this for a connection is overload: it becomes 503.
        config.setConnectionTimeout(5_000);
        if (dialect == Dialect.SQLITE) {
            SqliteFile.prepare(settings.databaseUrl());
            SqliteFile.durable(config);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations(dialect.migrations()).load().migrate();
            if (dialect == Dialect.SQLITE) {
                SqliteFile.checkDurable(dataSource);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, dialect);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for the few hot reads where Jdbi's per-statement setup would dominate. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** How ids and timestamps go in and out of this engine, for code that uses JDBC directly. */
    public ColumnTypes types() {
        return types;
    }

    /**
     * Store calls inside {@code work} on this thread share its handle, hence its transaction (Jdbi's
     * per-thread handle scope); a nested call joins the outer transaction.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (afterCommit.get() != null) {
            return work.get();
        }
        List<Runnable> actions = new ArrayList<>();
        afterCommit.set(actions);
        try {
            T result = jdbi.inTransaction(handle -> work.get());
            actions.forEach(Runnable::run);
            return result;
        } finally {
            afterCommit.remove();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        List<Runnable> actions = afterCommit.get();
        if (actions == null) {
            action.run();
        } else {
            actions.add(action);
        }
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

    /** Creates a directory the database file goes in, when it is missing. */
    static void createParent(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory for " + file, e);
        }
    }
}
