package io.mediaconnector.db;

import com.zaxxer.hikari.HikariConfig;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded database's settings that make a commit durable before it is acknowledged: WAL
 * with {@code synchronous=FULL} (the WAL is fsynced at every commit, so a commit survives
 * {@code kill -9} and power loss), writers that queue instead of failing ({@code busy_timeout},
 * transactions that take the write lock when they begin), and foreign keys enforced.
 */
final class SqliteFile {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteFile() {
    }

    static void durable(HikariConfig config) {
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }

    /** Creates the file's directory: SQLite creates the file, not the folders above it. */
    static void prepare(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (!path.isEmpty() && !path.equals(":memory:") && !path.startsWith("file:")) {
            Database.createParent(Path.of(path));
        }
    }

    /** Refuses to run on settings that would acknowledge commits a crash can lose. */
    static void checkDurable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String journal = single(statement, "PRAGMA journal_mode");
            String synchronous = single(statement, "PRAGMA synchronous");
            if (!journal.equalsIgnoreCase("wal") || !synchronous.equals("2")) {
                throw new IllegalStateException("SQLite is not in durable mode (journal_mode=" + journal
                        + ", synchronous=" + synchronous + "; expected wal and 2 = FULL)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read SQLite's settings", e);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
