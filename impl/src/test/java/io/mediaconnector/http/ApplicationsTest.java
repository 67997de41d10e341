package io.mediaconnector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which application a path belongs to is decided as Jersey's router reads the path. */
class ApplicationsTest {
    private static final ErrorDialect NO_WORDS = (refusal, rawPath, requestId) -> null;
    private final Applications.Application api = new Applications.Application(handler(), NO_WORDS);
    private final Applications.Application blob = new Applications.Application(handler(), NO_WORDS);
    private final Applications applications = new Applications(api, Map.of("blob", blob));

    @ParameterizedTest
    @ValueSource(strings = {"/blob", "/blob/", "/blob/c/b", "/blob;x=1/c/b", "/%62lob/c/b", "/%62%6C%6Fb/c", "/blob/%zz"})
    void theBlobProtocolsPaths(String rawPath) {
        assertThat(applications.of(rawPath)).isSameAs(blob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/Videos", "/blobs/c", "/blob%2Fc/b", "//blob/c", "/%zzblob/c", "blob/c", "*"})
    void everythingElseIsTheApis(String rawPath) {
        assertThat(applications.of(rawPath)).isSameAs(api);
        assertThat(applications.of(null)).isSameAs(api);
    }

    private static HttpHandler handler() {
        return new HttpHandler() {
            @Override
            public void service(Request request, Response response) {
                throw new AssertionError("not called");
            }
        };
    }
}
