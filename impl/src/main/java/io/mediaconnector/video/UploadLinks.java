package io.mediaconnector.video;

import java.util.Optional;

/** The URL a video's file is uploaded to, while its upload is open. */
public interface UploadLinks {
    Optional<String> uploadUri(Video video);
}
