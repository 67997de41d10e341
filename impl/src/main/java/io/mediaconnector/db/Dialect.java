package io.mediaconnector.db;

import java.util.Locale;

/** The SQL engines the service runs on, and the little that differs between them. */
public enum Dialect {
    /** The embedded default: one file, every commit fsynced before it is acknowledged. */
    SQLITE("sqlite", ""),
    /** Scale-out: many nodes share it; job claims skip rows another worker has locked. */
    POSTGRESQL("postgresql", " FOR UPDATE SKIP LOCKED");

    private final String name;
    private final String claimLock;

    Dialect(String name, String claimLock) {
        this.name = name;
        this.claimLock = claimLock;
    }

    public static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite:… or jdbc:postgresql:…)");
    }

    /** Flyway's location of this engine's migrations (same versions, each in its own dialect). */
    String migrations() {
        return "classpath:db/migration/" + name;
    }

    /** Appended to the SELECT that picks a job to claim. */
    String claimLock() {
        return claimLock;
    }
}
