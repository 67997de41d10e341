package io.mediaconnector.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * How ids and timestamps are written and read. PostgreSQL has UUID and timestamptz; SQLite has
 * neither, so there they are text: ids in canonical form, timestamps as fixed-width UTC with
 * microseconds, which sort as text in time order (keyset paging and lease checks rely on it).
 */
public final class ColumnTypes {
    private static final DateTimeFormatter TEXT_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final boolean asText;

    private ColumnTypes(boolean asText) {
        this.asText = asText;
    }

    static ColumnTypes of(Dialect dialect) {
        return new ColumnTypes(dialect == Dialect.SQLITE);
    }

    /** Teaches Jdbi the same bindings and mappings, so named-parameter statements agree with raw JDBC. */
    void install(Jdbi jdbi) {
        if (!asText) {
            return;
        }
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.VARCHAR) {
            @Override
            protected Argument build(UUID value, ConfigRegistry config) {
                return (position, statement, context) -> statement.setString(position, value.toString());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<OffsetDateTime>(Types.VARCHAR) {
            @Override
            protected Argument build(OffsetDateTime value, ConfigRegistry config) {
                return (position, statement, context) -> statement.setString(position, format(value));
            }
        });
        jdbi.registerColumnMapper(UUID.class, (rs, column, context) -> parseUuid(rs.getString(column)));
        jdbi.registerColumnMapper(OffsetDateTime.class, (rs, column, context) -> parseTimestamp(rs.getString(column)));
    }

    public void setUuid(PreparedStatement statement, int position, UUID value) throws SQLException {
        if (asText) {
            statement.setString(position, value.toString());
        } else {
            statement.setObject(position, value);
        }
    }

    public UUID uuid(ResultSet rs, int column) throws SQLException {
        return asText ? parseUuid(rs.getString(column)) : rs.getObject(column, UUID.class);
    }

    public UUID uuid(ResultSet rs, String column) throws SQLException {
        return uuid(rs, rs.findColumn(column));
    }

    public OffsetDateTime timestamp(ResultSet rs, int column) throws SQLException {
        return asText ? parseTimestamp(rs.getString(column)) : rs.getObject(column, OffsetDateTime.class);
    }

    public OffsetDateTime timestamp(ResultSet rs, String column) throws SQLException {
        return timestamp(rs, rs.findColumn(column));
    }

    static String format(OffsetDateTime value) {
        return TEXT_TIMESTAMP.format(value);
    }

    private static UUID parseUuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }

    private static OffsetDateTime parseTimestamp(String text) {
        return text == null ? null : Instant.parse(text).atOffset(ZoneOffset.UTC);
    }
}
