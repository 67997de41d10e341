package io.mediaconnector.db;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a data directory of an earlier version, whose database was H2, over to SQLite: every
 * row of every table, in one transaction, then the H2 file is renamed so it is never read again.
 */
public final class H2Import {
    /** Parents before children, so foreign keys hold at every insert. */
    private static final List<String> TABLES =
            List.of("accounts", "api_keys", "videos", "video_tags", "encoding_jobs", "video_keys");
    private static final String H2_FILE = "media-connector.mv.db";

    private H2Import() {
    }

    /** The H2 file of an earlier version in this data directory, if it was not carried over yet. */
    public static Optional<Path> pending(Path dataDir) {
        Path h2 = dataDir.resolve("db").resolve(H2_FILE);
        return Files.exists(h2) ? Optional.of(h2) : Optional.empty();
    }

    /** Copies the H2 database into the (new, empty) SQLite database; returns the rows copied per table. */
    public static Map<String, Integer> run(Path h2File, Database target) {
        if (target.dialect() != Dialect.SQLITE) {
            throw new IllegalArgumentException("the import writes to the embedded SQLite database only");
        }
        String base = h2File.toAbsolutePath().toString().replaceFirst("\\.mv\\.db$", "");
        Map<String, Integer> copied = new LinkedHashMap<>();
        String url = "jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r";
        requireLatestSchema(url);
        try (Connection h2 = DriverManager.getConnection(url, "sa", "")) {
            target.jdbi().useTransaction(handle -> {
                requireEmpty(handle);
                for (String table : TABLES) {
                    copied.put(table, copy(h2, handle, table));
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the H2 database " + h2File + ": " + e.getMessage(), e);
        }
        try {
            Files.move(h2File, h2File.resolveSibling(H2_FILE + ".imported"));
        } catch (IOException e) {
            throw new UncheckedIOException("imported, but cannot rename " + h2File + "; rename it by hand", e);
        }
        return copied;
    }

    /** The earlier version's last schema: every migration it knew has run (H2 ran the PostgreSQL ones). */
    private static void requireLatestSchema(String h2Url) {
        int pending = Flyway.configure().dataSource(h2Url, "sa", "").locations(Dialect.POSTGRESQL.migrations())
                .load().info().pending().length;
        if (pending > 0) {
            throw new IllegalStateException("the H2 database lacks " + pending
                    + " migration(s); start the version that made it once, then import");
        }
    }

    private static void requireEmpty(Handle handle) {
        if (handle.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Integer.class).one() > 0) {
            throw new IllegalStateException("the SQLite database already holds data; import into a new one only");
        }
    }

    private static int copy(Connection h2, Handle handle, String table) throws SQLException {
        int rows = 0;
        try (Statement statement = h2.createStatement(); ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> ":" + c).toList()) + ")";
            while (rs.next()) {
                Update insert = handle.createUpdate(sql);
                for (int i = 0; i < columns.size(); i++) {
                    insert.bind(columns.get(i), rs.getObject(i + 1));
                }
                insert.execute();
                rows++;
            }
        }
        return rows;
    }
}
