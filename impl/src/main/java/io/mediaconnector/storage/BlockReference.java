package io.mediaconnector.storage;

import java.util.Objects;

/** One entry of a block list to commit: which block, and where to look it up. */
public record BlockReference(BlockSource source, String blockId) {

    /** Azure's {@code <Latest>}, {@code <Committed>} and {@code <Uncommitted>} elements. */
    public enum BlockSource {
        /** The staged block if there is one, else the committed block of that id. */
        LATEST,
        /** A block of the currently committed blob. */
        COMMITTED,
        /** A staged block. */
        UNCOMMITTED
    }

    public BlockReference {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(blockId, "blockId");
    }

    public static BlockReference latest(String blockId) {
        return new BlockReference(BlockSource.LATEST, blockId);
    }
}
