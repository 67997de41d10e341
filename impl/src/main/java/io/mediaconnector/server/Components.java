package io.mediaconnector.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.account.AccountService;
import io.mediaconnector.account.KeyHasher;
import io.mediaconnector.api.VideoRepresentation;
import io.mediaconnector.config.Media;
import io.mediaconnector.config.Protection;
import io.mediaconnector.config.Settings;
import io.mediaconnector.config.SecretFiles;
import io.mediaconnector.db.AccountRepository;
import io.mediaconnector.db.Database;
import io.mediaconnector.db.Dialect;
import io.mediaconnector.db.DatabaseJobQueue;
import io.mediaconnector.db.VideoKeyRepository;
import io.mediaconnector.db.VideoRepository;
import io.mediaconnector.encoding.EncodingOptions;
import io.mediaconnector.encoding.EncodingPipeline;
import io.mediaconnector.encoding.FfmpegBinaries;
import io.mediaconnector.playback.OutputAccess;
import io.mediaconnector.http.InFlightLimit;
import io.mediaconnector.playback.PlaybackService;
import io.mediaconnector.playback.UrlSigner;
import io.mediaconnector.processing.EarlierRunLeftovers;
import io.mediaconnector.processing.EncodingRetry;
import io.mediaconnector.processing.EncodingRequests;
import io.mediaconnector.processing.EncodingWorker;
import io.mediaconnector.processing.JobLeases;
import io.mediaconnector.processing.JobSignal;
import io.mediaconnector.processing.JobWorkspace;
import io.mediaconnector.processing.OutputProtection;
import io.mediaconnector.processing.OutputPublisher;
import io.mediaconnector.processing.ProgressRecorder;
import io.mediaconnector.processing.RetryPolicy;
import io.mediaconnector.processing.StorageRemoval;
import io.mediaconnector.processing.UploadDecryption;
import io.mediaconnector.playback.KeyDelivery;
import io.mediaconnector.protection.KeyVault;
import io.mediaconnector.playback.PlaybackTokens;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.processing.UploadCompletion;
import io.mediaconnector.processing.WorkerPool;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.DiskSpace;
import io.mediaconnector.storage.filesystem.FileSystemBlobStore;
import io.mediaconnector.support.Json;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.upload.BlobEndpointSettings;
import io.mediaconnector.upload.SasSigner;
import io.mediaconnector.upload.UploadTargets;
import io.mediaconnector.video.CachedVideoStore;
import io.mediaconnector.video.InputFormats;
import io.mediaconnector.video.SasUploadLinks;
import io.mediaconnector.video.VideoUploadTargets;
import io.mediaconnector.video.VideoRules;
import io.mediaconnector.video.VideoService;
import io.mediaconnector.video.VideoStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;

/** The composition root: every long-lived object of a node, built once, in dependency order. */
public final class Components implements AutoCloseable {
    /** The account name in SAS string-to-sign; the blob endpoint's URLs carry it as their first segment's role. */
    private static final String BLOB_ACCOUNT = "mediaconnector";
    /** About 2 KB each: a few tens of MB at most. */
    private static final long CACHED_VIDEOS = 20_000;

    final Settings settings;
    final Clock clock;
    final Randomness randomness;
    final InFlightLimit inFlight;
    final DiskSpace disk;
    final ObjectMapper json;
    final Database database;
    final InputFormats formats;
    final AccountService accounts;
    final VideoStore videoRecords;
    final VideoService videos;
    final VideoRepresentation representation;
    final BlobStore blobStore;
    final SasSigner sasSigner;
    final UploadTargets uploadTargets;
    final BlobEndpointSettings blobEndpointSettings;
    final UploadCompletion uploads;
    final EncodingRetry retries;
    final UrlSigner urlSigner;
    final PlaybackService playback;
    final WorkerPool workers;
    final VideoKeys videoKeys;
    final PlaybackTokens tokens;
    final KeyDelivery keyDelivery;
    final OutputAccess outputAccess;
    private final JobSignal jobSignal = new JobSignal();
    private final DatabaseJobQueue jobQueue;
    /** This node's own folders (absolute: ffmpeg's arguments name them, and the leftover sweep looks for that). */
    private final Path workRoot;
    private final Path plaintextDir;
    private final String workerIdPrefix;

    public Components(Settings settings, Clock clock, Randomness randomness) {
        Media media = settings.media();
        this.settings = settings;
        this.clock = clock;
        this.randomness = randomness;
        this.inFlight = new InFlightLimit(settings.maxConcurrentRequests());
        this.disk = new DiskSpace(settings.dataDir(), settings.diskReserveBytes());
        this.json = Json.newMapper();
        this.database = Database.open(settings);
        this.formats = new InputFormats();
        this.accounts = new AccountService(new AccountRepository(database), new KeyHasher(), clock, randomness,
                settings.apiKeyCacheTtl());
        this.videoRecords = videoRecords(database, json);
        this.blobStore = fileSystemStore(settings.dataDir().resolve("blobs"), clock, disk);
        SecretFiles secrets = new SecretFiles(settings.dataDir());
        byte[] secret = media.signingSecret().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .orElseGet(() -> secrets.loadOrCreate("signing.key"));
        this.sasSigner = new SasSigner(BLOB_ACCOUNT, secret, clock);
        this.uploadTargets = new VideoUploadTargets(videoRecords);
        this.blobEndpointSettings = BlobEndpointSettings.withMaxBlobBytes(media.maxUploadBytes());
        Protection protection = settings.protection();
        this.videoKeys = new VideoKeys(new VideoKeyRepository(database), new KeyVault(protection.masterKey()
                .map(key -> java.util.Base64.getDecoder().decode(key))
                .orElseGet(() -> secrets.loadOrCreate("master.key"))), randomness);
        this.tokens = new PlaybackTokens(protection.tokenSigningKeys().map(Protection::parseKeys)
                .orElseGet(() -> generatedTokenKey(secrets)), settings.baseUrl(), protection.tokenValidity(), clock);
        this.videos = new VideoService(videoRecords, database, new VideoRules(formats), new StorageRemoval(blobStore),
                clock, randomness, videoKeys);
        this.representation = new VideoRepresentation(
                new SasUploadLinks(settings.publicBaseUrl(), sasSigner, media.uploadSasValidity()));
        this.keyDelivery = new KeyDelivery(videos, videoKeys, tokens);
        this.jobQueue = new DatabaseJobQueue(database, clock);
        EncodingRequests encodings = new EncodingRequests(database, jobQueue, media.jobMaxAttempts(), randomness,
                jobSignal);
        this.uploads = new UploadCompletion(videos, videoRecords, blobStore, encodings, clock);
        this.retries = new EncodingRetry(videos, videoRecords, encodings, clock);
        this.urlSigner = new UrlSigner(secret, clock);
        this.outputAccess = new OutputAccess(videos, urlSigner);
        this.playback = new PlaybackService(videos, urlSigner, settings.baseUrl(), media.playbackUrlValidity(), clock);
        String node = NodeId.loadOrCreate(settings.dataDir(), randomness);
        this.workRoot = settings.dataDir().toAbsolutePath().resolve("work");
        this.plaintextDir = media.plaintextDir().toAbsolutePath().resolve(node);
        this.workerIdPrefix = "worker-" + node + "-";
        new EarlierRunLeftovers(jobQueue, workerIdPrefix, List.of(workRoot, plaintextDir)).remove();
        this.workers = media.workers() > 0 ? workerPool(settings, clock, randomness) : null;
    }

    private WorkerPool workerPool(Settings settings, Clock clock, Randomness randomness) {
        Media media = settings.media();
        FfmpegBinaries binaries = media.systemFfmpeg()
                .map(system -> FfmpegBinaries.system(system.ffmpeg(), system.ffprobe()))
                .orElseGet(() -> FfmpegBinaries.bundled(settings.dataDir().resolve("ffmpeg")));
        binaries.verify();
        var heartbeats = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "job-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        EncodingWorker worker = new EncodingWorker(
                new JobLeases(jobQueue, heartbeats, media.jobLease(), media.jobHeartbeat()),
                videoRecords, blobStore,
                new JobWorkspace(blobStore, new UploadDecryption(videoKeys, plaintextDir), workRoot),
                new EncodingPipeline(binaries, EncodingOptions.defaults(), randomness.generator()),
                new OutputProtection(videoKeys, settings.baseUrl()),
                new OutputPublisher(blobStore, videoRecords, clock, randomness),
                new ProgressRecorder(videoRecords, clock, System::nanoTime),
                new RetryPolicy(media.jobDiskFullBackoff()));
        return new WorkerPool(worker, heartbeats, media.jobPollInterval(), jobSignal, workerIdPrefix, disk);
    }

    /** One generated key, its kid derived from it so every node that shares the file agrees. */
    private static java.util.Map<String, byte[]> generatedTokenKey(SecretFiles secrets) {
        byte[] key = secrets.loadOrCreate("token-signing.key");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key);
            return java.util.Map.of("k-" + java.util.HexFormat.of().formatHex(digest, 0, 4), key);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cancels running encodes (their jobs go back to the queue, uncounted); harmless twice. */
    void stopWorkers() {
        if (workers != null) {
            workers.close();
        }
    }

    /**
     * The embedded database is this process's alone, so its video reads go through a cache that
     * every write invalidates; a store shared with other nodes is read directly.
     */
    private static VideoStore videoRecords(Database database, ObjectMapper json) {
        VideoStore records = new VideoRepository(database, json);
        return database.dialect() == Dialect.SQLITE ? new CachedVideoStore(records, database, CACHED_VIDEOS) : records;
    }

    void startWorkers() {
        if (workers != null) {
            workers.start(settings.media().workers());
        }
    }

    private static BlobStore fileSystemStore(Path root, Clock clock, DiskSpace disk) {
        try {
            return new FileSystemBlobStore(root, clock, disk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + root + " for blobs", e);
        }
    }

    @Override
    public void close() {
        stopWorkers();
        database.close();
    }
}
