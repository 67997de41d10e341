package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.util.List;

/**
 * The one thing that differs between a clear run and a protected one: which output sets are
 * packaged from the encoded ladder, whether a preview is published before the ladder, and what
 * the result names. {@link EncodingPipeline} does every other step (probe, plan, encode, take the
 * pictures, stage, publish, report progress) the same way for both.
 */
interface Packaging {

    /**
     * Whether the run publishes a preview and calls {@link EncodingListener#onPlayable} before the
     * ladder is encoded.
     */
    boolean previewFirst();

    /**
     * The sets packaged from the ladder, each into its own folder; they are written in parallel with
     * each other and with the pictures, and published once all of them are complete.
     */
    List<OutputSet> outputSets();

    EncodingResult result(EncodedLadder ladder, PreviewMode previewMode, Thumbnail poster, List<Thumbnail> thumbnails);

    /** How the run is told apart in the log, e.g. {@code " with content protection (key ID …)"}; empty when clear. */
    String logDescription();

    /** One output set: its folder under the output directory, and how it is written from the ladder into a folder. */
    record OutputSet(String dir, Writer writer) {
    }

    @FunctionalInterface
    interface Writer {
        void write(EncodedLadder ladder, Path dir);
    }
}
