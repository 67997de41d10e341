package io.mediaconnector.video;

import io.mediaconnector.failure.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the newest-first listing ends: the last video's creation time and id. The
 * next page starts strictly after it, so a page costs the same at any depth (keyset paging).
 */
public record PageCursor(OffsetDateTime created, UUID id) {

    public static PageCursor after(Video video) {
        return new PageCursor(video.created(), video.id());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, created.toInstant());
        String raw = micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return new PageCursor(instant.atOffset(ZoneOffset.UTC), UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInputException("pageToken is not a token this service issued.");
        }
    }
}
