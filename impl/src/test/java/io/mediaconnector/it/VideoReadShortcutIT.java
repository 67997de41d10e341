package io.mediaconnector.it;

import io.mediaconnector.account.AccountService;
import io.mediaconnector.account.Caller;
import io.mediaconnector.account.Scope;
import io.mediaconnector.api.VideoReadShortcut;
import io.mediaconnector.config.SettingsLoader;
import io.mediaconnector.server.ComponentsFixture;
import io.mediaconnector.video.NewVideo;
import io.mediaconnector.video.Video;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The video read shortcut over real components (database, accounts, videos) in front of a stand-in
 * for Jersey that answers 418, so each test sees which of the two answered.
 */
class VideoReadShortcutIT {
    private static final int JERSEY = 418;

    @TempDir
    static Path dataDir;
    static ComponentsFixture components;
    static HttpServer server;
    static String baseUrl;
    static String key;
    static String otherAccountsKey;
    static Video video;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        components = ComponentsFixture.open(new SettingsLoader(Map.of("MEDIA_CONNECTOR_WORKERS", "0",
                "MEDIA_CONNECTOR_PUBLIC_URL", "http://media-connector.test")).load(0, dataDir));
        AccountService accounts = components.accounts();
        UUID account = accounts.createAccount("tenant").id();
        AccountService.IssuedKey issued = accounts.createKey(account, "reader", Set.of(Scope.READ));
        key = issued.secret();
        otherAccountsKey = accounts.createKey(accounts.createAccount("other").id(), "reader", Set.of(Scope.READ))
                .secret();
        video = components.videos().create(new Caller(account, issued.key().id(), Set.of(Scope.WRITE)),
                new NewVideo("clip.mp4", null, null, "clip", "a clip", List.of("a"), Map.of("k", "v"))).video();

        server = new HttpServer();
        server.addListener(new NetworkListener("test", "127.0.0.1", 0));
        server.getServerConfiguration().addHttpHandler(new VideoReadShortcut(new StandInForJersey(),
                components.accounts(), components.videos(), components.representation(), components.json(),
                components.inFlight()), "/");
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getListener("test").getPort();
    }

    @AfterAll
    static void stop() {
        server.shutdownNow();
        components.close();
    }

    @Test
    void answersAPlainReadItselfWithTheContractsRepresentation() throws Exception {
        HttpResponse<String> response = get("/api/Videos/" + video.id(), "Authorization", "Bearer " + key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                components.json().writeValueAsString(components.representation().of(video)));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("ETag")).hasValue(video.etag());
        assertThat(response.headers().firstValue("x-ms-request-id")).hasValueSatisfying(
                id -> assertThat(UUID.fromString(id).version()).isEqualTo(4));
    }

    @Test
    void answersAMatchingIfNoneMatchWith304() throws Exception {
        HttpResponse<String> response = get("/api/Videos/" + video.id(), "Authorization", "Bearer " + key,
                "If-None-Match", video.etag());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(video.etag());
        assertThat(response.headers().firstValue("x-ms-request-id")).isPresent();
    }

    @Test
    void leavesEveryErrorToJersey() throws Exception {
        String path = "/api/Videos/" + video.id();
        assertThat(get(path).statusCode()).isEqualTo(JERSEY);
        assertThat(get(path, "Authorization", "Bearer mc_not-a-key").statusCode()).isEqualTo(JERSEY);
        assertThat(get(path, "Authorization", "Basic " + key).statusCode()).isEqualTo(JERSEY);
        assertThat(get(path, "Authorization", "Bearer " + otherAccountsKey).statusCode()).isEqualTo(JERSEY);
        assertThat(get("/api/Videos/" + UUID.randomUUID(), "Authorization", "Bearer " + key).statusCode())
                .isEqualTo(JERSEY);
        assertThat(get(path, "Authorization", "Bearer " + key, "Accept", "text/html").statusCode())
                .isEqualTo(JERSEY);
    }

    @Test
    void leavesReadsBeyondTheInFlightLimitToJersey() throws Exception {
        int taken = 0;
        while (components.inFlight().tryEnter()) {
            taken++;
        }
        try {
            assertThat(get("/api/Videos/" + video.id(), "Authorization", "Bearer " + key).statusCode())
                    .isEqualTo(JERSEY);
        } finally {
            for (int i = 0; i < taken; i++) {
                components.inFlight().leave();
            }
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers what reaches Jersey with a status Jersey never uses. */
    private static final class StandInForJersey extends HttpHandler {
        @Override
        public void service(Request request, Response response) {
            response.setStatus(JERSEY);
        }
    }
}
