package io.mediaconnector.encoding;

import java.nio.file.Path;

/**
 * Callbacks of {@link EncodingPipeline#run}. They are called on the thread running the pipeline,
 * except {@link #onProgress(int)}, which may come from a thread reading ffmpeg's output;
 * implementations must be quick and must not throw.
 */
public interface EncodingListener {

    EncodingListener NONE = new EncodingListener() { };

    /** The input is a video; what it contains. */
    default void onProbed(ProbeResult probe) {
    }

    /** Overall progress, 0..100, only ever increasing. */
    default void onProgress(int percent) {
    }

    /**
     * The preview is complete and servable from {@code previewDir}
     * ({@code <output>/preview}, with {@code master.m3u8} and {@code manifest.mpd}).
     */
    default void onPlayable(Path previewDir) {
    }

    /** Every output is in place. */
    default void onCompleted(EncodingResult result) {
    }
}
