package io.mediaconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaconnector.generated.client.api.AccountsApi;
import io.mediaconnector.generated.client.model.AccountCreate;
import io.mediaconnector.it.fuzz.Fixtures;
import io.mediaconnector.it.fuzz.HostileRequests;
import io.mediaconnector.it.fuzz.SpecOperations;
import io.mediaconnector.it.fuzz.Verdict;
import io.mediaconnector.it.media.MediaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw-socket fuzz of the running service, driven by openapi.yaml: valid and hostile requests
 * (see {@link HostileRequests}) aimed at real ids, each judged by {@link Verdict}: no 5xx, no
 * HTML or stack trace, every error problem+json (Azure XML on /blob) with a request id, every
 * status declared for the operation, no hang. Seeded and bounded: {@code -Dfuzz.seed=…}
 * replays a run, {@code -Dfuzz.requests=…} sets its length (10,000 by default, about 15 s). A failure names the
 * seed and the exact bytes sent.
 */
class HostileHttpFuzzIT {
    private static final long DEFAULT_SEED = 20261129L;
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    static TestService service;
    static Fixtures fixtures;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(dataDir, Map.of(
                "HEADER_TIMEOUT", "PT1S",
                "REQUEST_BODY_TIMEOUT", "PT1S",
                "MAX_URI_LENGTH", "2048"));
        SpecCheckedHttp http = new SpecCheckedHttp(service.baseUrl());
        UUID account = new AccountsApi(service.client(TestService.ADMIN_KEY))
                .createAccount(new AccountCreate().name("fuzzed")).getId();
        String key = service.newKey(account, "write");
        MediaClient owner = new MediaClient(http, key);
        MediaClient.Created video = owner.create("target.mp4");
        JsonNode protectedVideo = owner.createProtected("locked.mp4");
        String protectedId = protectedVideo.get("Id").asText();
        String keyId = protectedVideo.get("ContentProtectionKeyId").asText();
        String token = http.send(http.request("/api/Videos/" + protectedId + "/AuthorizationToken?KeyId=" + keyId, key).GET())
                .body().replaceAll(".*\"value\":\"Bearer=([^\"]+)\".*", "$1");
        String foreign = new MediaClient(http, service.newAccountKey("write")).create("other.mp4").id();
        URI upload = URI.create(video.uploadUri());
        fixtures = new Fixtures(key, TestService.ADMIN_KEY, account.toString(), video.id(), foreign,
                upload.getRawPath() + "?" + upload.getRawQuery(), protectedId, keyId, token);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyRequestGetsACleanAnswer() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("fuzz.requests", 10_000);
        System.out.printf("HostileHttpFuzzIT: seed %d, %d requests (-Dfuzz.seed=%d replays this run)%n", seed, requests, seed);
        int port = URI.create(service.baseUrl()).getPort();
        SpecOperations spec = new SpecOperations(HostileHttpFuzzIT.class.getResource("/openapi.yaml").toString());
        HostileRequests generator = new HostileRequests(seed, fixtures, spec, port);
        Verdict verdict = new Verdict(spec);
        RawHttp http = new RawHttp(port);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        // Grizzly logs what goes wrong inside its filter chain (through java.util.logging): none of it may.
        List<String> grizzlyFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Logger grizzly = java.util.logging.Logger.getLogger("org.glassfish.grizzly");
        java.util.logging.Handler watch = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getThrown() != null && record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    grizzlyFailures.add(record.getThrown().toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        grizzly.addHandler(watch);
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            HostileRequests.Sent sent = generator.next();
            RawHttp.Answer answer = http.exchange(sent.bytes(), sent.endOutput(), ANSWER_WAIT);
            statuses.merge(answer.status(), 1, Integer::sum);
            List<String> broken = verdict.judge(sent, answer);
            if (!broken.isEmpty() && failures.size() < 25) {
                failures.add("#" + i + " " + broken + "\n    sent:   " + sentBytes(seed, i, sent.bytes())
                        + (sent.endOutput() ? " (then end of output)" : "")
                        + "\n    answer: " + answer.raw().replace("\r\n", " | ") + shortened(answer.body()));
            }
        }
        System.out.printf("HostileHttpFuzzIT: %d requests in %d ms, statuses %s%n", requests,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), statuses);
        grizzly.removeHandler(watch);
        assertThat(failures).as("seed %d: requests that got an unclean answer", seed).isEmpty();
        assertThat(grizzlyFailures).as("seed %d: exceptions inside Grizzly's filter chain", seed).isEmpty();
    }

    /** The request as a Java literal; a long one is written whole to a file and shortened here. */
    private static String sentBytes(long seed, int index, byte[] bytes) throws java.io.IOException {
        String literal = RawHttp.literal(bytes);
        if (literal.length() <= 1_500) {
            return literal;
        }
        Path file = Path.of("target", "fuzz-failures", seed + "-" + index + ".http");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, bytes);
        return literal.substring(0, 1_500) + "… (" + bytes.length + " bytes, all of them in " + file + ")";
    }

    private static String shortened(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
