package io.mediaconnector.processing;

import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoRemoval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Deleting a video deletes its encoding job with it (the database cascades), which stops the
 * worker at its next heartbeat; afterwards its upload and outputs go.
 */
public final class StorageRemoval implements VideoRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(StorageRemoval.class);
    private final BlobStore store;

    public StorageRemoval(BlobStore store) {
        this.store = store;
    }

    @Override
    public void afterDelete(Video video) {
        try {
            store.deleteContainer(video.containerName());
        } catch (IOException e) {
            // The row is gone; a worker finishing late also removes the container.
            LOG.warn("could not delete the blobs of video {}", video.id(), e);
        }
    }
}
