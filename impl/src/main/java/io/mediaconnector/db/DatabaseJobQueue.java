package io.mediaconnector.db;

import io.mediaconnector.support.Timestamps;
import io.mediaconnector.processing.EncodingJob;
import io.mediaconnector.processing.JobQueue;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The job queue in the database. A claim is one UPDATE of the oldest claimable row, picked by a
 * subquery that on PostgreSQL skips rows other workers hold ({@code FOR UPDATE SKIP LOCKED}) and
 * on SQLite runs under the single write lock; the claimability is checked again by the UPDATE
 * itself, so two workers (on any nodes) racing for one job cannot both win.
 */
public final class DatabaseJobQueue implements JobQueue {
    private static final String CLAIMABLE =
            "((state = 'QUEUED' AND run_after <= :now) OR (state = 'RUNNING' AND lease_until < :now))";

    private final Jdbi jdbi;
    private final ColumnTypes types;
    private final String claim;
    private final Clock clock;

    public DatabaseJobQueue(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.types = database.types();
        this.claim = "UPDATE encoding_jobs SET state = 'RUNNING', lease_owner = :owner, lease_until = :until, "
                + "attempts = attempts + 1, updated_at = :now "
                + "WHERE " + CLAIMABLE + " AND id = (SELECT id FROM encoding_jobs WHERE " + CLAIMABLE
                + " ORDER BY run_after LIMIT 1" + database.dialect().claimLock() + ") "
                + "RETURNING id, video_id, attempts, max_attempts";
        this.clock = clock;
    }

    @Override
    public Optional<EncodingJob> claim(String workerId, Duration lease) {
        OffsetDateTime now = now();
        return jdbi.inTransaction(h -> h.createQuery(claim)
                .bind("owner", workerId).bind("until", now.plus(lease)).bind("now", now)
                .map((rs, ctx) -> new EncodingJob(types.uuid(rs, "id"), types.uuid(rs, "video_id"),
                        rs.getInt("attempts"), rs.getInt("max_attempts")))
                .findOne());
    }

    @Override
    public void enqueue(UUID jobId, UUID videoId, int maxAttempts) {
        OffsetDateTime now = now();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO encoding_jobs (id, video_id, state, attempts, max_attempts, run_after,
                            created_at, updated_at)
                        VALUES (:job, :video, 'QUEUED', 0, :max, :now, :now, :now)""")
                .bind("job", jobId).bind("video", videoId).bind("max", maxAttempts).bind("now", now).execute());
    }

    @Override
    public boolean heartbeat(EncodingJob job, String workerId, Duration lease) {
        OffsetDateTime now = now();
        return jdbi.withHandle(h -> h.createUpdate("UPDATE encoding_jobs SET lease_until = :until, updated_at = :now "
                        + "WHERE id = :id AND lease_owner = :owner AND state = 'RUNNING'")
                .bind("until", now.plus(lease)).bind("now", now).bind("id", job.id()).bind("owner", workerId)
                .execute()) == 1;
    }

    @Override
    public void succeed(EncodingJob job, String workerId) {
        finish(job, workerId, "SUCCEEDED", null, now());
    }

    @Override
    public void fail(EncodingJob job, String workerId, String error) {
        finish(job, workerId, "FAILED", error, now());
    }

    @Override
    public void retryLater(EncodingJob job, String workerId, String error, Duration delay) {
        OffsetDateTime now = now();
        jdbi.useHandle(h -> h.createUpdate("UPDATE encoding_jobs SET state = 'QUEUED', lease_owner = NULL, "
                        + "lease_until = NULL, run_after = :after, last_error = :error, updated_at = :now "
                        + "WHERE id = :id AND lease_owner = :owner")
                .bind("after", now.plus(delay)).bind("error", truncate(error)).bind("now", now)
                .bind("id", job.id()).bind("owner", workerId).execute());
    }

    /** {@code attempts} counts claims: the claim of an attempt that was not the job's fault is given back. */
    @Override
    public void putBackUncounted(EncodingJob job, String workerId, String reason, Duration delay) {
        OffsetDateTime now = now();
        jdbi.useHandle(h -> h.createUpdate("UPDATE encoding_jobs SET state = 'QUEUED', attempts = attempts - 1, "
                        + "lease_owner = NULL, lease_until = NULL, run_after = :after, last_error = :error, updated_at = :now "
                        + "WHERE id = :id AND lease_owner = :owner AND state = 'RUNNING'")
                .bind("after", now.plus(delay)).bind("error", truncate(reason)).bind("now", now)
                .bind("id", job.id()).bind("owner", workerId).execute());
    }

    @Override
    public int reclaimAbandoned(String workerIdPrefix, String reason) {
        if (!workerIdPrefix.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a worker id prefix: " + workerIdPrefix);
        }
        OffsetDateTime now = now();
        // One conditional UPDATE: a job whose lease ran out and that another node claimed meanwhile
        // has another owner, and is left alone.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE encoding_jobs SET state = 'QUEUED', lease_owner = NULL, "
                        + "lease_until = NULL, run_after = :now, last_error = :error, updated_at = :now "
                        + "WHERE state = 'RUNNING' AND lease_owner LIKE :prefix")
                .bind("now", now).bind("error", truncate(reason)).bind("prefix", workerIdPrefix + "%").execute());
    }

    private void finish(EncodingJob job, String workerId, String state, String error, OffsetDateTime now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE encoding_jobs SET state = :state, lease_owner = NULL, "
                        + "lease_until = NULL, last_error = :error, updated_at = :now WHERE id = :id AND lease_owner = :owner")
                .bind("state", state).bind("error", truncate(error)).bind("now", now)
                .bind("id", job.id()).bind("owner", workerId).execute());
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private OffsetDateTime now() {
        return Timestamps.now(clock);
    }
}
