package io.mediaconnector.video;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mediaconnector.support.Transactions;
import io.mediaconnector.video.Video.VideoDetails;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The videos of the embedded database, read through a bounded in-process cache: a read of a
 * cached video costs no query. Only in front of a store that this process alone writes (the
 * embedded SQLite file, locked to one process): every write passes here and drops the video from
 * the cache once its transaction has committed, so no read ever sees older data than the store.
 * Never in front of a store that other nodes write too.
 *
 * <p>Why that is enough: a load runs inside the cache's atomic compute of its key, and the drop
 * of that key waits for a running load, so a load that read the row just before a commit is
 * dropped right after it.
 */
public final class CachedVideoStore implements VideoStore {
    private final VideoStore store;
    private final Transactions transactions;
    private final Cache<UUID, Video> videos;

    public CachedVideoStore(VideoStore store, Transactions transactions, long maxVideos) {
        this.store = store;
        this.transactions = transactions;
        this.videos = Caffeine.newBuilder().maximumSize(maxVideos).build();
    }

    @Override
    public Optional<Video> find(UUID accountId, UUID id) {
        // A video of another account is not loaded (nor cached) for this caller.
        return Optional.ofNullable(videos.get(id, key -> store.find(accountId, key).orElse(null)))
                .filter(video -> video.accountId().equals(accountId));
    }

    @Override
    public Optional<Video> findAny(UUID id) {
        return Optional.ofNullable(videos.get(id, key -> store.findAny(key).orElse(null)));
    }

    @Override
    public Optional<Video> findByLocator(String locator) {
        return store.findByLocator(locator);
    }

    @Override
    public List<Video> page(UUID accountId, VideoState state, String tag, PageCursor after, int limit) {
        return store.page(accountId, state, tag, after, limit);
    }

    @Override
    public void insert(Video video) {
        store.insert(video);
        dropAfterCommit(video.id());
    }

    @Override
    public boolean updateDetails(UUID accountId, UUID id, Long expectedVersion, VideoDetails details,
                                 OffsetDateTime updated) {
        return dropAfterCommit(id, store.updateDetails(accountId, id, expectedVersion, details, updated));
    }

    @Override
    public boolean delete(UUID accountId, UUID id) {
        return dropAfterCommit(id, store.delete(accountId, id));
    }

    @Override
    public boolean closeUpload(UUID accountId, UUID id, String message, OffsetDateTime now) {
        return dropAfterCommit(id, store.closeUpload(accountId, id, message, now));
    }

    @Override
    public boolean reopenFailed(UUID accountId, UUID id, String message, OffsetDateTime now) {
        return dropAfterCommit(id, store.reopenFailed(accountId, id, message, now));
    }

    @Override
    public void recordDuration(UUID id, int seconds, OffsetDateTime now) {
        store.recordDuration(id, seconds, now);
        dropAfterCommit(id);
    }

    @Override
    public void recordProgress(UUID id, int percent, OffsetDateTime now) {
        store.recordProgress(id, percent, now);
        dropAfterCommit(id);
    }

    @Override
    public void recordStatusMessage(UUID id, String message, OffsetDateTime now) {
        store.recordStatusMessage(id, message, now);
        dropAfterCommit(id);
    }

    @Override
    public void publish(UUID id, Publication publication, boolean completed, String message, OffsetDateTime now) {
        store.publish(id, publication, completed, message, now);
        dropAfterCommit(id);
    }

    @Override
    public void fail(UUID id, String message, OffsetDateTime now) {
        store.fail(id, message, now);
        dropAfterCommit(id);
    }

    private boolean dropAfterCommit(UUID id, boolean changed) {
        if (changed) {
            dropAfterCommit(id);
        }
        return changed;
    }

    private void dropAfterCommit(UUID id) {
        transactions.afterCommit(() -> videos.invalidate(id));
    }
}
