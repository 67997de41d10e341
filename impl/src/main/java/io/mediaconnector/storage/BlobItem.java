package io.mediaconnector.storage;

/** One entry of {@link BlobStore#listBlobs}. */
public record BlobItem(String name, BlobProperties properties) {
}
