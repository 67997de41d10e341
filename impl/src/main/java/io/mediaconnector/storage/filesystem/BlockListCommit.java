package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.BlobNames;
import io.mediaconnector.storage.BlockReference;
import io.mediaconnector.storage.InvalidBlockListException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a block list into the segments of the new blob: first every reference is resolved to a
 * staged block file or a block of the committed blob (Azure's Latest, Committed, Uncommitted),
 * before anything is touched; then staged blocks are linked into the blob's directory, once per
 * id, while committed ones are reused as they are. No block is copied.
 */
final class BlockListCommit {

    /** What one reference resolved to: a staged block file, or a segment of the committed blob. */
    private record Choice(String blockId, Path staged, BlobManifest.Segment committed) {
    }

    private final BlobDirectory directory;
    private final List<Choice> choices;

    private BlockListCommit(BlobDirectory directory, List<Choice> choices) {
        this.directory = directory;
        this.choices = choices;
    }

    /**
     * Resolves {@code blocks} against the staged blocks ({@code stagedBlock} gives a block id's
     * file) and the committed blob; {@link InvalidBlockListException} if one cannot be.
     */
    static BlockListCommit resolve(BlobDirectory directory, Function<String, Path> stagedBlock,
                                   List<BlockReference> blocks) throws IOException {
        Map<String, BlobManifest.Segment> committed = new HashMap<>();
        directory.manifest().ifPresent(m -> m.segments().forEach(s -> {
            if (s.hasBlockId()) {
                committed.putIfAbsent(s.blockId(), s);
            }
        }));
        List<Choice> choices = new ArrayList<>(blocks.size());
        for (BlockReference ref : blocks) {
            String id = BlobNames.requireBlockId(ref.blockId());
            Path staged = stagedBlock.apply(id);
            boolean isStaged = ref.source() != BlockReference.BlockSource.COMMITTED
                    && Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS);
            BlobManifest.Segment old = ref.source() == BlockReference.BlockSource.UNCOMMITTED ? null : committed.get(id);
            if (isStaged) {
                choices.add(new Choice(id, staged, null));
            } else if (old != null) {
                choices.add(new Choice(id, null, old));
            } else {
                throw new InvalidBlockListException("block " + id + " is not " + switch (ref.source()) {
                    case UNCOMMITTED -> "staged";
                    case COMMITTED -> "committed";
                    case LATEST -> "staged or committed";
                });
            }
        }
        return new BlockListCommit(directory, choices);
    }

    /** The new blob's segments, in order; block files it links in are added to {@code added}, for removal on failure. */
    List<BlobManifest.Segment> link(List<String> added) throws IOException {
        Map<String, BlobManifest.Segment> linked = new HashMap<>();
        List<BlobManifest.Segment> segments = new ArrayList<>(choices.size());
        for (Choice choice : choices) {
            if (choice.committed() != null) {
                segments.add(choice.committed());
                continue;
            }
            BlobManifest.Segment segment = linked.get(choice.blockId());
            if (segment == null) {
                String file = directory.linkIn(choice.staged(), choice.blockId());
                added.add(file);
                // Sized after linking: the linked inode is immutable, the staging name might be re-sent.
                segment = new BlobManifest.Segment(choice.blockId(), directory.sizeOf(file), file);
                linked.put(choice.blockId(), segment);
            }
            segments.add(segment);
        }
        return segments;
    }
}
