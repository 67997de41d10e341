package io.mediaconnector.http;

import io.mediaconnector.api.ProblemDialect;
import io.mediaconnector.config.Connections;
import io.mediaconnector.it.RawHttp;
import io.mediaconnector.server.BlobApplication;
import io.mediaconnector.support.Json;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The net under everything: a failure inside a Grizzly handler is a problem, never Grizzly's HTML page. */
class ProblemErrorPagesIT {
    private HttpServer server;
    private StrictHttp http;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = HttpServer.createSimpleServer(null, "localhost", port);
        HttpHandler failing = new HttpHandler() {
            @Override
            public void service(Request request, Response response) {
                throw new IllegalStateException("internal detail that must not leak");
            }
        };
        Applications applications = new Applications(
                new Applications.Application(failing, new ProblemDialect(Json.newMapper())),
                Map.of(BlobApplication.MOUNT, new Applications.Application(failing, BlobApplication.dialect())));
        http = new StrictHttp(applications, new Connections(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        server.getServerConfiguration().addHttpHandler(new ApplicationRouter(applications), "/");
        server.getServerConfiguration().setDefaultErrorPageGenerator(http.errorPages());
        for (NetworkListener listener : server.getListeners()) {
            http.configure(listener);
        }
        server.start();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
        http.close();
    }

    @Test
    void aFailingHandlerAnswersAProblemWithoutInternals() throws Exception {
        RawHttp.Answer answer = new RawHttp(port).exchange("GET /anything HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"InternalError\"")
                .contains("\"requestId\":\"" + answer.header("x-ms-request-id") + "\"")
                .doesNotContain("internal detail").doesNotContain("IllegalStateException").doesNotContainIgnoringCase("<html");
    }

    @Test
    void onBlobPathsItIsAzureXml() throws Exception {
        RawHttp.Answer answer = new RawHttp(port).exchange("GET /blob/c/b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("InternalError");
        assertThat(answer.body()).contains("<Error><Code>InternalError</Code>").doesNotContain("internal detail");
    }
}
