package io.mediaconnector.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.PageCursor;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.Video.VideoDetails;
import io.mediaconnector.video.VideoState;
import io.mediaconnector.video.VideoStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Video records. Every read and write of an account's video is scoped by its account id. */
public final class VideoRepository implements VideoStore {
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() { };
    private static final TypeReference<List<Publication.PublishedRendition>> RENDITIONS = new TypeReference<>() { };
    private static final TypeReference<List<Publication.PublishedThumbnail>> THUMBNAILS = new TypeReference<>() { };

    /** Every query reads these columns, in this order, so rows are mapped by position (no name lookups). */
    private static final String COLUMNS = "id, account_id, stored_file_name, name, description, tags_json, "
            + "metadata_json, content_protection, content_key_id, input_encryption, state, status_message, progress, "
            + "playable, duration_seconds, upload_open, playback_locator, output_set, renditions_json, "
            + "thumbnails_json, version, created_at, updated_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM videos WHERE id = ? AND account_id = ?";

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final ColumnTypes types;
    private final ObjectMapper json;
    private final RowMapper<Video> rowMapper = (rs, ctx) -> map(rs);

    public VideoRepository(Database database, ObjectMapper json) {
        this.jdbi = database.jdbi();
        this.dataSource = database.dataSource();
        this.types = database.types();
        this.json = json;
    }

    /** The row and its tags, in one transaction (or the caller's, when it runs in one). */
    @Override
    public void insert(Video video) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO videos (id, account_id, stored_file_name, name, description, tags_json, metadata_json,
                                content_protection, content_key_id, input_encryption, state, status_message, progress,
                                playable, duration_seconds, upload_open, version, created_at, updated_at)
                            VALUES (:id, :account, :file, :name, :description, :tags, :metadata, :protection, :keyId,
                                :encryption, :state, :message, :progress, :playable, :duration, :uploadOpen, :version,
                                :created, :updated)""")
                    .bind("id", video.id())
                    .bind("account", video.accountId())
                    .bind("file", video.storedFileName())
                    .bind("name", video.details().name())
                    .bind("description", video.details().description())
                    .bind("tags", write(video.details().tags()))
                    .bind("metadata", write(video.details().metadata()))
                    .bind("protection", video.contentProtection().name())
                    .bind("keyId", video.contentKeyId().orElse(null))
                    .bind("encryption", video.inputEncryption().name())
                    .bind("state", video.state().code())
                    .bind("message", video.statusMessage())
                    .bind("progress", video.progress())
                    .bind("playable", video.playable())
                    .bind("duration", video.durationSeconds())
                    .bind("uploadOpen", video.uploadOpen())
                    .bind("version", video.version())
                    .bind("created", video.created())
                    .bind("updated", video.updated())
                    .execute();
            insertTags(h, video.id(), video.details().tags());
        });
    }

    /** The API's hottest read (every GET of a video), so it goes straight to JDBC. */
    @Override
    public Optional<Video> find(UUID accountId, UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND)) {
            types.setUuid(statement, 1, id);
            types.setUuid(statement, 2, accountId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read video " + id, e);
        }
    }

    /**
     * Up to {@code limit} videos of the account, newest first, strictly after the cursor, in
     * the given state and with the given tag when those are set.
     */
    @Override
    public List<Video> page(UUID accountId, VideoState state, String tag, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM videos v WHERE v.account_id = :account");
        if (state != null) {
            sql.append(" AND v.state = :state");
        }
        if (tag != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM video_tags t WHERE t.video_id = v.id AND t.tag = :tag)");
        }
        if (after != null) {
            sql.append(" AND (v.created_at < :afterCreated OR (v.created_at = :afterCreated AND v.id < :afterId))");
        }
        sql.append(" ORDER BY v.created_at DESC, v.id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("account", accountId).bind("limit", limit);
            if (state != null) {
                query.bind("state", state.code());
            }
            if (tag != null) {
                query.bind("tag", tag);
            }
            if (after != null) {
                query.bind("afterCreated", after.created()).bind("afterId", after.id());
            }
            return query.map(rowMapper).list();
        });
    }

    /**
     * Replaces the details if the video's version is {@code expectedVersion} (when given).
     * Returns false when no row matched: the video is gone or changed meanwhile.
     */
    @Override
    public boolean updateDetails(UUID accountId, UUID id, Long expectedVersion, VideoDetails details,
                                 OffsetDateTime updated) {
        return jdbi.inTransaction(h -> {
            int rows = h.createUpdate("""
                            UPDATE videos SET name = :name, description = :description, tags_json = :tags,
                                metadata_json = :metadata, version = version + 1, updated_at = :updated
                            WHERE id = :id AND account_id = :account"""
                            + (expectedVersion != null ? " AND version = :expected" : ""))
                    .bind("name", details.name())
                    .bind("description", details.description())
                    .bind("tags", write(details.tags()))
                    .bind("metadata", write(details.metadata()))
                    .bind("updated", updated)
                    .bind("id", id)
                    .bind("account", accountId)
                    .bind("expected", expectedVersion)
                    .execute();
            if (rows == 1) {
                h.createUpdate("DELETE FROM video_tags WHERE video_id = :id").bind("id", id).execute();
                insertTags(h, id, details.tags());
            }
            return rows == 1;
        });
    }

    @Override
    public boolean delete(UUID accountId, UUID id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM videos WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", accountId).execute()) == 1;
    }

    /** Any account's video: for workers and the streaming endpoint, never for an API caller. */
    @Override
    public Optional<Video> findAny(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM videos WHERE id = :id")
                .bind("id", id).map(rowMapper).findOne());
    }

    @Override
    public Optional<Video> findByLocator(String locator) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM videos WHERE playback_locator = :locator")
                .bind("locator", locator).map(rowMapper).findOne());
    }

    @Override
    public boolean closeUpload(UUID accountId, UUID id, String message, OffsetDateTime now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE videos SET upload_open = FALSE, state = :state, status_message = :message,
                            progress = 0, version = version + 1, updated_at = :now
                        WHERE id = :id AND account_id = :account AND upload_open = TRUE""")
                .bind("state", VideoState.PROCESSING.code()).bind("message", message).bind("now", now)
                .bind("id", id).bind("account", accountId).execute()) == 1;
    }

    @Override
    public boolean reopenFailed(UUID accountId, UUID id, String message, OffsetDateTime now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE videos SET state = :processing, status_message = :message, progress = 0,
                            version = version + 1, updated_at = :now
                        WHERE id = :id AND account_id = :account AND state = :failed""")
                .bind("processing", VideoState.PROCESSING.code()).bind("failed", VideoState.FAILED.code())
                .bind("message", message).bind("now", now).bind("id", id).bind("account", accountId).execute()) == 1;
    }

    @Override
    public void recordDuration(UUID id, int seconds, OffsetDateTime now) {
        update(id, "duration_seconds = :value", seconds, now);
    }

    /** Progress only moves forward, and only while the video is processing. */
    @Override
    public void recordProgress(UUID id, int percent, OffsetDateTime now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE videos SET progress = :percent, version = version + 1, updated_at = :now
                        WHERE id = :id AND state = :processing AND progress < :percent""")
                .bind("percent", percent).bind("now", now).bind("id", id)
                .bind("processing", VideoState.PROCESSING.code()).execute());
    }

    @Override
    public void recordStatusMessage(UUID id, String message, OffsetDateTime now) {
        update(id, "status_message = :value", message, now);
    }

    /** Makes a published output set current; with {@code completed}, the video is done. */
    @Override
    public void publish(UUID id, Publication publication, boolean completed, String message, OffsetDateTime now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE videos SET playback_locator = :locator, output_set = :set, renditions_json = :renditions,
                            thumbnails_json = :thumbnails, playable = TRUE, state = :state, status_message = :message,
                            progress = :progress, version = version + 1, updated_at = :now
                        WHERE id = :id""")
                .bind("locator", publication.locator().orElseThrow())
                .bind("set", publication.outputSet().orElseThrow().name())
                .bind("renditions", write(publication.renditions()))
                .bind("thumbnails", write(publication.thumbnails()))
                .bind("state", (completed ? VideoState.COMPLETED : VideoState.PROCESSING).code())
                .bind("message", message)
                .bind("progress", completed ? 100 : 0)
                .bind("now", now)
                .bind("id", id)
                .execute());
    }

    @Override
    public void fail(UUID id, String message, OffsetDateTime now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE videos SET state = :state, status_message = :message, version = version + 1, updated_at = :now
                        WHERE id = :id""")
                .bind("state", VideoState.FAILED.code()).bind("message", message).bind("now", now).bind("id", id)
                .execute());
    }

    private void update(UUID id, String assignment, Object value, OffsetDateTime now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE videos SET " + assignment
                        + ", version = version + 1, updated_at = :now WHERE id = :id")
                .bind("value", value).bind("now", now).bind("id", id).execute());
    }

    private void insertTags(Handle h, UUID videoId, List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            h.createUpdate("INSERT INTO video_tags (video_id, tag, position) VALUES (:id, :tag, :position)")
                    .bind("id", videoId).bind("tag", tags.get(i)).bind("position", i).execute();
        }
    }

    private Video map(ResultSet rs) throws SQLException {
        VideoDetails details = new VideoDetails(rs.getString(4), rs.getString(5),
                read(rs.getString(6), TAGS, List.of()), read(rs.getString(7), METADATA, Map.of()));
        Publication publication = new Publication(
                Optional.ofNullable(rs.getString(17)),
                Optional.ofNullable(rs.getString(18)).map(Publication.OutputSet::valueOf),
                read(rs.getString(19), RENDITIONS, List.of()),
                read(rs.getString(20), THUMBNAILS, List.of()));
        return new Video(
                types.uuid(rs, 1),
                types.uuid(rs, 2),
                rs.getString(3),
                details,
                ContentProtection.valueOf(rs.getString(8)),
                Optional.ofNullable(rs.getString(9)),
                InputEncryption.valueOf(rs.getString(10)),
                VideoState.fromCode(rs.getInt(11)),
                rs.getString(12),
                rs.getInt(13),
                rs.getBoolean(14),
                rs.getInt(15),
                rs.getBoolean(16),
                publication,
                rs.getLong(21),
                types.timestamp(rs, 22),
                types.timestamp(rs, 23));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON column; the empty list or object most videos hold costs no parsing. */
    private <T> T read(String value, TypeReference<T> type, T empty) {
        if (value.equals("[]") || value.equals("{}")) {
            return empty;
        }
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
