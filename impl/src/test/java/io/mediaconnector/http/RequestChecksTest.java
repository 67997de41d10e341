package io.mediaconnector.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestChecksTest {
    @Test
    void hostsJerseyCanBuildAUriFromAreValid() {
        for (String host : new String[] {"localhost", "localhost:8080", "media.example.org", "media.example.org.",
                "127.0.0.1:1", "[::1]:8080", "[2001:db8::7]", "a-b.example"}) {
            assertThat(RequestChecks.isValidHost(host)).as(host).isTrue();
        }
    }

    @Test
    void hostsThatWouldBreakTheRequestUriAreNot() {
        for (String host : new String[] {"", "a b", "x/y", "[::1", "x:abc", "x:99999", "x:", "a..b", "-x", "x_y?",
                "[zz]", "ex\u00e4mple.org", "user@host"}) {
            assertThat(RequestChecks.isValidHost(host)).as(host).isFalse();
        }
    }
}
