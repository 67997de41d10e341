package io.mediaconnector.upload;

import java.util.Objects;

/**
 * What the service allows to be written into one container.
 *
 * @param container  {@code asset-<uuid>}
 * @param blobName   the only blob that may be written (the renamed original file, e.g. {@code <guid>.mp4})
 * @param writable   false once the video was marked complete: uploads are then closed
 */
public record UploadTarget(String container, String blobName, boolean writable) {

    public UploadTarget {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(blobName, "blobName");
    }
}
