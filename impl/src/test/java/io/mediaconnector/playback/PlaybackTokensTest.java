package io.mediaconnector.playback;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.mediaconnector.playback.PlaybackTokens.Verdict.EXPIRED;
import static io.mediaconnector.playback.PlaybackTokens.Verdict.INVALID;
import static io.mediaconnector.playback.PlaybackTokens.Verdict.MISSING;
import static io.mediaconnector.playback.PlaybackTokens.Verdict.OTHER_VIDEO_OR_KEY;
import static io.mediaconnector.playback.PlaybackTokens.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;

class PlaybackTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final byte[] OLD = "old-signing-key-0123456789abcdef0".getBytes();
    private static final byte[] NEW = "new-signing-key-0123456789abcdef0".getBytes();
    private final UUID video = UUID.randomUUID();

    private PlaybackTokens tokens(Instant now, byte[]... keys) {
        Map<String, byte[]> byKid = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            byKid.put(keys[i] == NEW ? "new" : "old", keys[i]);
        }
        return new PlaybackTokens(byKid, "https://video.example", Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenOpensOnlyItsVideosKeyUntilItExpires() {
        String token = tokens(NOW, OLD).issue(video, "key-1");
        assertThat(tokens(NOW, OLD).check(token, video, "key-1")).isEqualTo(VALID);
        assertThat(tokens(NOW, OLD).check(token, video, "key-2")).isEqualTo(OTHER_VIDEO_OR_KEY);
        assertThat(tokens(NOW, OLD).check(token, UUID.randomUUID(), "key-1")).isEqualTo(OTHER_VIDEO_OR_KEY);
        assertThat(tokens(NOW.plus(Duration.ofMinutes(61)), OLD).check(token, video, "key-1")).isEqualTo(EXPIRED);
    }

    @Test
    void missingMalformedTamperedAndForeignTokensAreRefused() {
        String token = tokens(NOW, OLD).issue(video, "key-1");
        assertThat(tokens(NOW, OLD).check(null, video, "key-1")).isEqualTo(MISSING);
        assertThat(tokens(NOW, OLD).check("not.a.jwt", video, "key-1")).isEqualTo(INVALID);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThat(tokens(NOW, OLD).check(tampered, video, "key-1")).isEqualTo(INVALID);
        assertThat(tokens(NOW, NEW).check(token, video, "key-1")).as("unknown kid").isEqualTo(INVALID);
        String unsigned = parts[0].replace(parts[0], "eyJhbGciOiJub25lIn0") + "." + parts[1] + ".";
        assertThat(tokens(NOW, OLD).check(unsigned, video, "key-1")).isEqualTo(INVALID);
    }

    @Test
    void rotationKeepsOldTokensValidWhileNewOnesUseTheNewKey() {
        String before = tokens(NOW, OLD).issue(video, "key-1");
        PlaybackTokens rotated = tokens(NOW, NEW, OLD);
        String after = rotated.issue(video, "key-1");
        assertThat(rotated.check(before, video, "key-1")).isEqualTo(VALID);
        assertThat(rotated.check(after, video, "key-1")).isEqualTo(VALID);
        assertThat(tokens(NOW, OLD).check(after, video, "key-1")).isEqualTo(INVALID);
    }
}
