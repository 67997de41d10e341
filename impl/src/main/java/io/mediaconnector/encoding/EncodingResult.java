package io.mediaconnector.encoding;

import java.util.List;

/**
 * What {@link EncodingPipeline#run} produced. Paths are relative to the output directory and use
 * {@code /}; see {@link EncodingLayout}.
 *
 * @param source               the probed input
 * @param previewMode          how the preview was made
 * @param previewHlsMaster     e.g. {@code preview/master.m3u8}
 * @param previewDashManifest  e.g. {@code preview/manifest.mpd}
 * @param renditions           the ladder, highest first; DASH/HLS video streams in this order
 * @param hlsMaster            {@code cmaf/master.m3u8}
 * @param dashManifest         {@code cmaf/manifest.mpd}
 * @param smoothManifest       {@code smooth/video.ism/Manifest}
 * @param progressiveMp4       {@code progressive/video.mp4}
 * @param progressiveRendition the rendition the MP4 was encoded at
 * @param poster               the poster
 * @param thumbnails           the evenly spaced thumbnails, in time order
 */
public record EncodingResult(ProbeResult source, PreviewMode previewMode, String previewHlsMaster,
                             String previewDashManifest, List<Rendition> renditions, String hlsMaster,
                             String dashManifest, String smoothManifest, String progressiveMp4,
                             Rendition progressiveRendition, Thumbnail poster, List<Thumbnail> thumbnails) {

    public EncodingResult {
        renditions = List.copyOf(renditions);
        thumbnails = List.copyOf(thumbnails);
    }
}
