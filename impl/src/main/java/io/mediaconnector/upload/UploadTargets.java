package io.mediaconnector.upload;

import java.util.Optional;

/** Asked by {@link BlobEndpoint} before every write; implemented over the video repository. */
@FunctionalInterface
public interface UploadTargets {

    /** The upload target of {@code container}, empty if no video owns that container. */
    Optional<UploadTarget> find(String container);
}
