package io.mediaconnector.contract.provider;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.mediaconnector.config.SettingsLoader;
import io.mediaconnector.generated.client.ApiClient;
import io.mediaconnector.generated.client.ApiException;
import io.mediaconnector.generated.client.ApiResponse;
import io.mediaconnector.generated.client.api.AccountsApi;
import io.mediaconnector.generated.client.api.VideosApi;
import io.mediaconnector.generated.client.model.AccountCreate;
import io.mediaconnector.generated.client.model.ApiKeyCreate;
import io.mediaconnector.generated.client.model.ApiKeyScope;
import io.mediaconnector.generated.client.model.ContentProtectionMode;
import io.mediaconnector.generated.client.model.Video;
import io.mediaconnector.generated.client.model.VideoCreate;
import io.mediaconnector.generated.client.model.VideoState;
import io.mediaconnector.generated.client.model.VideoStatus;
import io.mediaconnector.generated.client.model.VideoUpdate;
import io.mediaconnector.server.Service;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mediaconnector.contract.Contract;

import static io.mediaconnector.contract.Contract.ACCOUNT_ID;
import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_ONLY_KEY;
import static io.mediaconnector.contract.Contract.ACCOUNT_WITH_READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.ADMIN_KEY;
import static io.mediaconnector.contract.Contract.ANOTHER_ACCOUNT;
import static io.mediaconnector.contract.Contract.ETAG;
import static io.mediaconnector.contract.Contract.EXAMPLE_METADATA_KEY;
import static io.mediaconnector.contract.Contract.EXAMPLE_METADATA_VALUE;
import static io.mediaconnector.contract.Contract.EXAMPLE_TAG;
import static io.mediaconnector.contract.Contract.KEY_ID;
import static io.mediaconnector.contract.Contract.OPERATOR_WITH_ADMIN_KEY;
import static io.mediaconnector.contract.Contract.PROTECTED_VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.Contract.PROTECTED_VIDEO_FINISHED_ENCODING;
import static io.mediaconnector.contract.Contract.PROVIDER;
import static io.mediaconnector.contract.Contract.READ_ONLY_KEY;
import static io.mediaconnector.contract.Contract.READ_WRITE_KEY;
import static io.mediaconnector.contract.Contract.STALE_ETAG;
import static io.mediaconnector.contract.Contract.TWO_VIDEOS;
import static io.mediaconnector.contract.Contract.VIDEO_AWAITING_UPLOAD;
import static io.mediaconnector.contract.Contract.VIDEO_CHANGED_SINCE_READ;
import static io.mediaconnector.contract.Contract.VIDEO_ENCODING_FAILED;
import static io.mediaconnector.contract.Contract.VIDEO_FINISHED_ENCODING;
import static io.mediaconnector.contract.Contract.VIDEO_ID;
import static io.mediaconnector.contract.Contract.VIDEO_OF_ANOTHER_ACCOUNT;
import static io.mediaconnector.contract.Contract.VIDEO_WITH_TAGS_AND_METADATA;
import static io.mediaconnector.contract.Contract.VIDEO_WITH_UPLOADED_FILE;

/**
 * Replays the consumer's pact against the real service (H2 under a temp dir). Each provider
 * state sets its facts up through the service's own API with the operator's admin key and
 * returns the ids it generated; the consumer's placeholder keys are swapped for real ones.
 *
 * <p>Media states are real too: a clip made by the bundled ffmpeg is uploaded to the video's
 * {@code UploadUri}, marked complete and encoded by the service's in-process workers. One encoded
 * video serves every interaction of {@value Contract#VIDEO_FINISHED_ENCODING}, one AES-128 video
 * every interaction of {@value Contract#PROTECTED_VIDEO_FINISHED_ENCODING}; both encodings start
 * with the service so that they overlap the other interactions.
 */
@Provider(PROVIDER)
@PactFolder("target/pacts")
class MediaConnectorProviderIT {
    private static final String OPERATOR_SECRET = "contract-tests-operator-key";
    /** From MarkComplete to Completed; the service's one worker encodes the two contract videos in turn. */
    private static final Duration ENCODING_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    private static Service service;
    /** The video encoded for {@value Contract#VIDEO_FINISHED_ENCODING}, and the write key of its account. */
    private static CompletableFuture<EncodedVideo> encoded;
    /** The AES-128 video encoded for {@value Contract#PROTECTED_VIDEO_FINISHED_ENCODING}. */
    private static CompletableFuture<EncodedVideo> encodedProtected;
    /** The video whose encoding failed, for {@value Contract#VIDEO_ENCODING_FAILED}. */
    private static CompletableFuture<EncodedVideo> failed;
    /** Threads of their own: the common pool may have a single thread on a small machine. */
    private static ExecutorService encodings;

    /** Placeholder secret → the real key issued for this interaction's states. */
    private final Map<String, String> keys = new HashMap<>();
    private ApiClient account;
    /** The video of {@value Contract#VIDEO_WITH_UPLOADED_FILE}, deleted afterwards so it stops encoding. */
    private UUID uploaded;

    @BeforeAll
    static void startService() {
        service = Service.start(new SettingsLoader(Map.of(
                "MEDIA_CONNECTOR_BOOTSTRAP_KEY", OPERATOR_SECRET,
                "MEDIA_CONNECTOR_PUBLIC_URL", "http://media-connector.test",
                "MEDIA_CONNECTOR_SHUTDOWN_GRACE", "PT1S"))
                .load(0, dataDir));
        encodings = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "contract-encoding");
            thread.setDaemon(true);
            return thread;
        });
        encoded = CompletableFuture.supplyAsync(() -> encodeAVideo("account with an encoded video",
                new VideoCreate().originalFileName("holiday.mp4")), encodings);
        encodedProtected = CompletableFuture.supplyAsync(() -> encodeAVideo("account with an encoded protected video",
                new VideoCreate().originalFileName("lecture.mp4").contentProtectionMode(ContentProtectionMode.AES128)), encodings);
        failed = CompletableFuture.supplyAsync(() -> failAVideo("account with a video whose encoding failed"), encodings);
    }

    @AfterAll
    static void stopService() {
        if (encodings != null) {
            encodings.shutdownNow();
        }
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("localhost", service.port()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void honoursThePact(PactVerificationContext context, HttpRequest request) {
        var authorization = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String placeholder = authorization.getValue().substring("Bearer ".length());
            String real = keys.get(placeholder);
            if (real == null) {
                throw new IllegalStateException("No provider state issued a key for '" + placeholder + "'");
            }
            request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + real);
        }
        context.verifyInteraction();
    }

    @State(OPERATOR_WITH_ADMIN_KEY)
    void operatorHasAdminKey() {
        keys.put(ADMIN_KEY, OPERATOR_SECRET);
    }

    @State(ACCOUNT_WITH_READ_WRITE_KEY)
    Map<String, Object> accountWithReadWriteKey() throws ApiException {
        return accountWithKey(READ_WRITE_KEY, ApiKeyScope.WRITE);
    }

    @State(ACCOUNT_WITH_READ_ONLY_KEY)
    Map<String, Object> accountWithReadOnlyKey() throws ApiException {
        return accountWithKey(READ_ONLY_KEY, ApiKeyScope.READ);
    }

    @State(ANOTHER_ACCOUNT)
    Map<String, Object> anotherAccount() throws ApiException {
        return Map.of(ACCOUNT_ID, newAccount("another account").toString());
    }

    @State(VIDEO_AWAITING_UPLOAD)
    Map<String, Object> videoAwaitingUpload() throws ApiException {
        ApiResponse<Video> created = createVideo(account);
        return Map.of(VIDEO_ID, created.getData().getId().toString(), ETAG, etagOf(created));
    }

    @State(VIDEO_WITH_TAGS_AND_METADATA)
    Map<String, Object> videoWithTagsAndMetadata() throws ApiException {
        Video video = new VideosApi(account).createVideo(new VideoCreate().originalFileName("holiday.mp4")
                .tags(List.of(EXAMPLE_TAG)).metadata(Map.of(EXAMPLE_METADATA_KEY, EXAMPLE_METADATA_VALUE)));
        return Map.of(VIDEO_ID, video.getId().toString());
    }

    @State(PROTECTED_VIDEO_AWAITING_UPLOAD)
    Map<String, Object> protectedVideoAwaitingUpload() throws ApiException {
        Video video = new VideosApi(account).createVideo(
                new VideoCreate().originalFileName("lecture.mp4").contentProtectionMode(ContentProtectionMode.AES128));
        return Map.of(VIDEO_ID, video.getId().toString(), KEY_ID, video.getContentProtectionKeyId());
    }

    @State(VIDEO_CHANGED_SINCE_READ)
    Map<String, Object> videoChangedSinceRead() throws ApiException {
        ApiResponse<Video> read = createVideo(account);
        UUID id = read.getData().getId();
        new VideosApi(account).updateVideo(id, new VideoUpdate().name("renamed by somebody else"), etagOf(read));
        return Map.of(VIDEO_ID, id.toString(), STALE_ETAG, etagOf(read));
    }

    @State(TWO_VIDEOS)
    void twoVideos() throws ApiException {
        createVideo(account);
        createVideo(account);
    }

    @State(VIDEO_OF_ANOTHER_ACCOUNT)
    Map<String, Object> videoOfAnotherAccount() throws ApiException {
        ApiClient other = client(issueKey(newAccount("another account"), ApiKeyScope.WRITE));
        return Map.of(VIDEO_ID, createVideo(other).getData().getId().toString());
    }

    @State(VIDEO_WITH_UPLOADED_FILE)
    Map<String, Object> videoWithUploadedFile() throws ApiException, IOException, InterruptedException {
        Video video = createVideo(account).getData();
        upload(video, Clip.h264());
        uploaded = video.getId();
        return Map.of(VIDEO_ID, uploaded.toString());
    }

    @State(value = VIDEO_WITH_UPLOADED_FILE, action = StateChangeAction.TEARDOWN)
    void deleteUploadedVideo() throws ApiException {
        if (uploaded != null) {
            new VideosApi(account).deleteVideo(uploaded);
        }
    }

    /**
     * The encoded video belongs to the account it was made in, so the consumer's read-write key
     * stands for that account's key (the account of {@value Contract#ACCOUNT_WITH_READ_WRITE_KEY},
     * set up first, is left unused).
     */
    @State(VIDEO_FINISHED_ENCODING)
    Map<String, Object> videoFinishedEncoding() {
        return actAsOwnerOf(encoded.join());
    }

    /** As {@value Contract#VIDEO_FINISHED_ENCODING}, with an AES-128 video. */
    @State(PROTECTED_VIDEO_FINISHED_ENCODING)
    Map<String, Object> protectedVideoFinishedEncoding() {
        return actAsOwnerOf(encodedProtected.join());
    }

    /**
     * An upload that is not a video ends Failed (its cause cannot be fixed, but Retry does not
     * look at causes). One interaction only: retrying it changes its state.
     */
    @State(VIDEO_ENCODING_FAILED)
    Map<String, Object> videoEncodingFailed() {
        return actAsOwnerOf(failed.join());
    }

    private Map<String, Object> actAsOwnerOf(EncodedVideo video) {
        keys.put(READ_WRITE_KEY, video.key());
        account = client(video.key());
        return Map.of(VIDEO_ID, video.id().toString());
    }

    private record EncodedVideo(String key, UUID id) {
    }

    /** Create → upload → MarkComplete → Status until Completed, all through the API. */
    private static EncodedVideo encodeAVideo(String accountName, VideoCreate create) {
        return encodeUntil(accountName, create, Clip.h264(), VideoState.COMPLETED);
    }

    /** As {@link #encodeAVideo}, with an upload of bytes that are not a video: it ends Failed. */
    private static EncodedVideo failAVideo(String accountName) {
        return encodeUntil(accountName, new VideoCreate().originalFileName("holiday.mp4"), Clip.notAVideo(),
                VideoState.FAILED);
    }

    private static EncodedVideo encodeUntil(String accountName, VideoCreate create, Path file,
                                            VideoState expected) {
        try {
            String key = issueKey(newAccount(accountName), ApiKeyScope.WRITE);
            ApiClient owner = client(key);
            Video video = new VideosApi(owner).createVideo(create);
            upload(video, file);
            VideosApi videos = new VideosApi(owner);
            videos.markVideoComplete(video.getId());
            Instant deadline = Instant.now().plus(ENCODING_TIMEOUT);
            while (true) {
                VideoStatus status = videos.getVideoStatus(video.getId());
                if (status.getStatus() == expected) {
                    return new EncodedVideo(key, video.getId());
                }
                if (status.getStatus() == VideoState.FAILED || status.getStatus() == VideoState.COMPLETED) {
                    throw new IllegalStateException("The video of the " + accountName + " ended " + status.getStatus()
                            + ": " + status.getMessage());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The video of the " + accountName + " did not end " + expected
                            + " within " + ENCODING_TIMEOUT + ": " + status);
                }
                Thread.sleep(250);
            }
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Put Blob of the file to the video's {@code UploadUri}. The URI names the public URL
     * (not resolvable here), so the request goes to the service's port with the same path and SAS.
     */
    private static void upload(Video video, Path file) throws IOException, InterruptedException {
        URI uploadUri = URI.create(video.getUploadUri());
        URI local = URI.create("http://localhost:" + service.port() + uploadUri.getRawPath() + "?" + uploadUri.getRawQuery());
        var response = HTTP.send(java.net.http.HttpRequest.newBuilder(local)
                .header("x-ms-blob-type", "BlockBlob")
                .PUT(BodyPublishers.ofFile(file))
                .build(), BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Uploading to " + uploadUri + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private Map<String, Object> accountWithKey(String placeholder, ApiKeyScope scope) throws ApiException {
        UUID accountId = newAccount("account with a " + scope.getValue() + " key");
        String secret = issueKey(accountId, scope);
        keys.put(placeholder, secret);
        // States that add videos need write access, whatever the consumer's key may do.
        account = client(scope == ApiKeyScope.WRITE ? secret : issueKey(accountId, ApiKeyScope.WRITE));
        return Map.of(ACCOUNT_ID, accountId.toString());
    }

    private static UUID newAccount(String name) throws ApiException {
        return new AccountsApi(client(OPERATOR_SECRET)).createAccount(new AccountCreate().name(name)).getId();
    }

    private static String issueKey(UUID accountId, ApiKeyScope scope) throws ApiException {
        return new AccountsApi(client(OPERATOR_SECRET))
                .createApiKey(accountId, new ApiKeyCreate().name(scope.getValue()).scopes(List.of(scope)))
                .getKey();
    }

    private static ApiResponse<Video> createVideo(ApiClient client) throws ApiException {
        return new VideosApi(client).createVideoWithHttpInfo(new VideoCreate().originalFileName("holiday.mp4"));
    }

    private static String etagOf(ApiResponse<?> response) {
        return response.getHeaders().get("ETag").get(0);
    }

    private static ApiClient client(String secret) {
        return new ApiClient().setBasePath("http://localhost:" + service.port()).setBearerToken(secret);
    }
}
