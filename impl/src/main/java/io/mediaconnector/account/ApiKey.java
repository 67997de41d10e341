package io.mediaconnector.account;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A stored API key: only the hash of its secret is kept. */
public record ApiKey(UUID id, UUID accountId, String name, Set<Scope> scopes, OffsetDateTime created,
                     Optional<OffsetDateTime> revoked) {
}
