package io.mediaconnector.processing;

import java.util.UUID;

/** A claimed encoding job; {@code attempt} counts this claim (1 for the first). */
public record EncodingJob(UUID id, UUID videoId, int attempt, int maxAttempts) {
}
