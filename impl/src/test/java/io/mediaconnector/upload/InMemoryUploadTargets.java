package io.mediaconnector.upload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test double for the database-backed {@link UploadTargets}. */
final class InMemoryUploadTargets implements UploadTargets {

    private final Map<String, UploadTarget> targets = new ConcurrentHashMap<>();

    void open(String container, String blob) {
        targets.put(container, new UploadTarget(container, blob, true));
    }

    void close(String container) {
        targets.computeIfPresent(container, (c, t) -> new UploadTarget(c, t.blobName(), false));
    }

    @Override
    public Optional<UploadTarget> find(String container) {
        return Optional.ofNullable(targets.get(container));
    }
}
