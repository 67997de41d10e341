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
 * @param contentProtected     the run had a {@link ContentProtection}: {@code hlsMaster} is
 *                             {@code hls/master.m3u8} (AES-128), {@code dashManifest} is
 *                             {@code dash/manifest.mpd} (CENC ClearKey), and {@code previewMode},
 *                             {@code previewHlsMaster}, {@code previewDashManifest},
 *                             {@code smoothManifest}, {@code progressiveMp4} and
 *                             {@code progressiveRendition} are {@code null} (none is written)
 */
public record EncodingResult(ProbeResult source, PreviewMode previewMode, String previewHlsMaster,
                             String previewDashManifest, List<Rendition> renditions, String hlsMaster,
                             String dashManifest, String smoothManifest, String progressiveMp4,
                             Rendition progressiveRendition, Thumbnail poster, List<Thumbnail> thumbnails,
                             boolean contentProtected) {

    public EncodingResult {
        renditions = List.copyOf(renditions);
        thumbnails = List.copyOf(thumbnails);
    }

    /** A clear run's result (the constructor before content protection existed). */
    public EncodingResult(ProbeResult source, PreviewMode previewMode, String previewHlsMaster,
                          String previewDashManifest, List<Rendition> renditions, String hlsMaster,
                          String dashManifest, String smoothManifest, String progressiveMp4,
                          Rendition progressiveRendition, Thumbnail poster, List<Thumbnail> thumbnails) {
        this(source, previewMode, previewHlsMaster, previewDashManifest, renditions, hlsMaster, dashManifest,
                smoothManifest, progressiveMp4, progressiveRendition, poster, thumbnails, false);
    }

    /** A protected run's result: only the encrypted HLS and DASH sets and the pictures. */
    static EncodingResult contentProtected(ProbeResult source, List<Rendition> renditions, String hlsMaster,
                                           String dashManifest, Thumbnail poster, List<Thumbnail> thumbnails) {
        return new EncodingResult(source, null, null, null, renditions, hlsMaster, dashManifest, null, null, null,
                poster, thumbnails, true);
    }
}
