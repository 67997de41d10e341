package io.mediaconnector.processing;

import io.mediaconnector.support.Timestamps;
import io.mediaconnector.encoding.EncodingLayout;
import io.mediaconnector.encoding.EncodingResult;
import io.mediaconnector.encoding.Rendition;
import io.mediaconnector.encoding.Thumbnail;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.support.Randomness;
import io.mediaconnector.video.OutputLayout;
import io.mediaconnector.video.Publication;
import io.mediaconnector.video.Publication.OutputSet;
import io.mediaconnector.video.Publication.PublishedRendition;
import io.mediaconnector.video.Publication.PublishedThumbnail;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoStore;
import io.mediaconnector.video.VideoState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Puts finished outputs into the video's container and makes them current. Each set is copied
 * under a staging prefix first and moved into {@code outputs/<set>} only when complete, so a
 * crash mid-copy never leaves a half set where players look.
 */
public final class OutputPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPublisher.class);
    /** Clear videos get CMAF, Smooth and MP4; protected ones encrypted HLS and DASH; both thumbnails. */
    private static final List<String> FINAL_DIRS = List.of(EncodingLayout.CMAF_DIR, EncodingLayout.SMOOTH_DIR,
            EncodingLayout.PROGRESSIVE_DIR, EncodingLayout.HLS_DIR, EncodingLayout.DASH_DIR, EncodingLayout.THUMBNAILS_DIR);

    private final BlobStore store;
    private final VideoStore videos;
    private final Clock clock;
    private final Randomness randomness;

    public OutputPublisher(BlobStore store, VideoStore videos, Clock clock, Randomness randomness) {
        this.store = store;
        this.videos = videos;
        this.clock = clock;
        this.randomness = randomness;
    }

    public void publishPreview(Video video, UUID jobId, Path previewDir) throws IOException {
        String staging = OutputLayout.stagingPrefix(jobId, OutputLayout.PREVIEW);
        List<PublishedRendition> renditions = HlsMasterPlaylist.renditions(previewDir.resolve(EncodingLayout.HLS_MASTER));
        store.moveDirectory(previewDir, video.containerName(), staging);
        store.movePrefix(video.containerName(), staging, OutputLayout.publishedPrefix(OutputLayout.PREVIEW));
        videos.publish(video.id(), new Publication(java.util.Optional.of(locator(video)),
                        java.util.Optional.of(OutputSet.PREVIEW), renditions, List.of()),
                false, VideoState.PROCESSING.defaultMessage(), now());
    }

    public void publishFinal(Video video, UUID jobId, Path outputDir, EncodingResult result) throws IOException {
        long started = System.nanoTime();
        String staging = OutputLayout.stagingPrefix(jobId, OutputLayout.FINAL);
        for (String dir : FINAL_DIRS) {
            if (java.nio.file.Files.isDirectory(outputDir.resolve(dir))) {
                store.moveDirectory(outputDir.resolve(dir), video.containerName(), staging + "/" + dir);
            }
        }
        store.movePrefix(video.containerName(), staging, OutputLayout.publishedPrefix(OutputLayout.FINAL));
        List<PublishedRendition> renditions = result.renditions().stream()
                .map(OutputPublisher::published).toList();
        List<PublishedThumbnail> thumbnails = new ArrayList<>();
        thumbnails.add(published(result.poster()));
        result.thumbnails().forEach(thumbnail -> thumbnails.add(published(thumbnail)));
        videos.publish(video.id(), new Publication(java.util.Optional.of(locator(video)),
                java.util.Optional.of(OutputSet.FINAL), renditions, thumbnails),
                true, VideoState.COMPLETED.defaultMessage(), now());
        LOG.info("video {}: final outputs published in {} ms", video.id(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Drops what a job left under its staging prefixes (a failed or cancelled attempt). */
    public void discardStaging(Video video, UUID jobId) throws IOException {
        for (io.mediaconnector.storage.BlobItem item : store.listBlobs(video.containerName(), OutputLayout.jobStagingPrefix(jobId))) {
            store.deleteBlob(video.containerName(), item.name());
        }
    }

    private String locator(Video video) {
        return video.publication().locator().orElseGet(() -> randomness.newSecret(24));
    }

    private static PublishedRendition published(Rendition rendition) {
        return new PublishedRendition(rendition.width(), rendition.height(), rendition.videoBitrate());
    }

    private static PublishedThumbnail published(Thumbnail thumbnail) {
        return new PublishedThumbnail(thumbnail.kind() == Thumbnail.Kind.POSTER, thumbnail.index(),
                (int) Math.round(thumbnail.timeSeconds()), thumbnail.width(), thumbnail.height(),
                OutputLayout.FINAL + "/" + thumbnail.relativePath());
    }

    private OffsetDateTime now() {
        return Timestamps.now(clock);
    }
}
