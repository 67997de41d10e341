package io.mediaconnector.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Past its limit of requests in flight the service sheds load with 503 and Retry-After. */
class OverloadIT {
    @TempDir
    Path dataDir;

    @Test
    void requestsBeyondTheLimitGet503WithRetryAfter() throws Exception {
        try (TestService service = TestService.start(dataDir, Map.of("MAX_CONCURRENT_REQUESTS", "1",
                "REQUEST_BODY_TIMEOUT", "PT10S"))) {
            SpecCheckedHttp http = new SpecCheckedHttp(service.baseUrl());
            try (Socket slow = new Socket("localhost", URI.create(service.baseUrl()).getPort())) {
                // A request whose body never finishes holds the only slot.
                OutputStream out = slow.getOutputStream();
                out.write(("POST /api/Videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestService.ADMIN_KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(500);

                HttpResponse<String> shed = http.send(http.request("/api/Videos", TestService.ADMIN_KEY).GET());
                assertThat(shed.statusCode()).isEqualTo(503);
                assertThat(shed.headers().firstValue("Retry-After")).contains("1");
                assertThat(shed.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(new ObjectMapper().readTree(shed.body()).get("code").asText()).isEqualTo("ServiceUnavailable");
            }
            // Once the slow request is gone, the slot is free again.
            HttpResponse<String> served = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                served = http.send(http.request("/api/Videos", TestService.ADMIN_KEY).GET());
                if (served.statusCode() == 200) {
                    break;
                }
                Thread.sleep(300);
            }
            assertThat(served.statusCode()).isEqualTo(200);
        }
    }
}
