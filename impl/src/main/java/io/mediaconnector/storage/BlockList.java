package io.mediaconnector.storage;

import java.util.List;

/** The result of {@link BlobStore#getBlockList}: committed blocks in blob order, staged blocks by id. */
public record BlockList(List<Block> committed, List<Block> uncommitted) {

    public record Block(String id, long size) {
    }

    public BlockList {
        committed = List.copyOf(committed);
        uncommitted = List.copyOf(uncommitted);
    }
}
