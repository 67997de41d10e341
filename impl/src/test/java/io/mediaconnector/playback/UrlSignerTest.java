package io.mediaconnector.playback;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed URLs: valid for their path until their expiry, and for nothing else. */
class UrlSignerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(3600);
    private static final String PATH = "/stream/locator/final/thumbnails/poster.jpg";

    private final UrlSigner signer = signerAt(NOW);

    private static UrlSigner signerAt(Instant now) {
        return new UrlSigner(SECRET, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The {@code se} and {@code sig} values of a query {@code se=…&sig=…}. */
    private static String[] parameters(String query) {
        assertThat(query).matches("se=\\d+&sig=[A-Za-z0-9_-]+");
        return new String[] {query.substring(3, query.indexOf('&')), query.substring(query.indexOf("&sig=") + 5)};
    }

    @Test
    void aSignedPathIsValidUntilItsExpiry() {
        String[] query = parameters(signer.sign(PATH, EXPIRY));

        assertThat(query[0]).isEqualTo(Long.toString(EXPIRY.getEpochSecond()));
        assertThat(signer.isValid(PATH, query[0], query[1])).isTrue();
        assertThat(signerAt(EXPIRY.minusSeconds(1)).isValid(PATH, query[0], query[1])).isTrue();
        assertThat(signerAt(EXPIRY).isValid(PATH, query[0], query[1])).as("at its expiry").isFalse();
    }

    @Test
    void aSignatureIsForItsPathItsExpiryAndItsSecretOnly() {
        String[] query = parameters(signer.sign(PATH, EXPIRY));

        assertThat(signer.isValid(PATH + "x", query[0], query[1])).as("another path").isFalse();
        assertThat(signer.isValid(PATH, Long.toString(EXPIRY.getEpochSecond() + 3600), query[1]))
                .as("a later expiry").isFalse();
        assertThat(signer.isValid(PATH, query[0], query[1].substring(1) + "A")).as("another signature").isFalse();
        UrlSigner otherSecret = new UrlSigner("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherSecret.isValid(PATH, query[0], query[1])).as("another secret").isFalse();
    }

    @Test
    void missingOrMalformedParametersAreInvalid() {
        String[] query = parameters(signer.sign(PATH, EXPIRY));

        assertThat(signer.isValid(PATH, null, query[1])).isFalse();
        assertThat(signer.isValid(PATH, query[0], null)).isFalse();
        assertThat(signer.isValid(PATH, "tomorrow", query[1])).isFalse();
        assertThat(signer.isValid(PATH, query[0], "")).isFalse();
    }

    @Test
    void aPathTokenTravelsInOnePathSegmentAndExpiresLikeAQuery() {
        String token = signer.pathToken("/stream/locator", EXPIRY);

        assertThat(token).matches("\\d+\\.[A-Za-z0-9_-]+").doesNotContain("/");
        assertThat(signer.isValidPathToken("/stream/locator", token)).isTrue();
        assertThat(signer.isValidPathToken("/stream/other", token)).isFalse();
        assertThat(signerAt(EXPIRY).isValidPathToken("/stream/locator", token)).isFalse();
        assertThat(signer.isValidPathToken("/stream/locator", null)).isFalse();
        assertThat(signer.isValidPathToken("/stream/locator", token.replace(".", ""))).isFalse();
    }

    @Test
    void theSecretIsCopiedAtConstruction() {
        byte[] secret = SECRET.clone();
        UrlSigner copying = new UrlSigner(secret, Clock.fixed(NOW, ZoneOffset.UTC));

        secret[0] ^= 1;

        assertThat(copying.sign(PATH, EXPIRY)).isEqualTo(signer.sign(PATH, EXPIRY));
    }
}
