package io.mediaconnector.account;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Account(UUID id, String name, OffsetDateTime created) {
}
