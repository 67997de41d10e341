package io.mediaconnector.encoding;

import java.util.List;

/**
 * A clear run's outputs: a preview first, then CMAF (HLS and DASH over the same segments), Smooth
 * Streaming and a progressive MP4 of the middle rendition, all stream copies of the ladder.
 */
final class ClearPackaging implements Packaging {

    private final CmafPackager cmaf;
    private final SmoothStreamingPackager smooth;
    private final ProgressiveEncoder progressive;
    private final LadderPlanner planner;

    ClearPackaging(CmafPackager cmaf, SmoothStreamingPackager smooth, ProgressiveEncoder progressive,
                   LadderPlanner planner) {
        this.cmaf = cmaf;
        this.smooth = smooth;
        this.progressive = progressive;
        this.planner = planner;
    }

    @Override
    public boolean previewFirst() {
        return true;
    }

    @Override
    public List<OutputSet> outputSets() {
        return List.of(
                new OutputSet(EncodingLayout.CMAF_DIR, (ladder, dir) -> cmaf.packageLadder(ladder.intermediate(),
                        ladder.probe(), dir, ladder.timeout(), ladder.cancel())),
                new OutputSet(EncodingLayout.SMOOTH_DIR, (ladder, dir) -> smooth.packageLadder(ladder.intermediate(),
                        ladder.probe(), dir, ladder.timeout(), ladder.cancel())),
                new OutputSet(EncodingLayout.PROGRESSIVE_DIR, (ladder, dir) -> progressive.remux(ladder.intermediate(),
                        ladder.probe(), ladder.renditions().indexOf(progressiveRendition(ladder)),
                        dir.resolve(EncodingLayout.PROGRESSIVE_MP4), ladder.timeout(), ladder.cancel())));
    }

    @Override
    public EncodingResult result(EncodedLadder ladder, PreviewMode previewMode, Thumbnail poster,
                                 List<Thumbnail> thumbnails) {
        return new EncodingResult(ladder.probe(), previewMode,
                EncodingLayout.PREVIEW_DIR + "/" + EncodingLayout.HLS_MASTER,
                EncodingLayout.PREVIEW_DIR + "/" + EncodingLayout.DASH_MANIFEST,
                ladder.renditions(),
                EncodingLayout.CMAF_DIR + "/" + EncodingLayout.HLS_MASTER,
                EncodingLayout.CMAF_DIR + "/" + EncodingLayout.DASH_MANIFEST,
                EncodingLayout.SMOOTH_DIR + "/" + EncodingLayout.SMOOTH_MANIFEST,
                EncodingLayout.PROGRESSIVE_DIR + "/" + EncodingLayout.PROGRESSIVE_MP4,
                progressiveRendition(ladder), poster, thumbnails);
    }

    @Override
    public String logDescription() {
        return "";
    }

    private Rendition progressiveRendition(EncodedLadder ladder) {
        return planner.middle(ladder.renditions());
    }
}
