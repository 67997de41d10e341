package io.mediaconnector.encoding;

/**
 * Relative paths inside the output directory of {@link EncodingPipeline}. Each top-level folder
 * appears only once its content is complete.
 *
 * <pre>
 * preview/master.m3u8, preview/manifest.mpd, preview/media_N.m3u8,
 *     preview/init-streamN.m4s, preview/chunk-streamN-00001.m4s ...   playable early (one rendition)
 * cmaf/master.m3u8, cmaf/manifest.mpd, cmaf/media_N.m3u8,
 *     cmaf/init-streamN.m4s, cmaf/chunk-streamN-00001.m4s ...         the full ladder, HLS + DASH
 * smooth/video.ism/Manifest,
 *     smooth/video.ism/QualityLevels(bitrate)/Fragments(video=t) ...  Smooth Streaming
 * progressive/video.mp4                                               progressive download
 * thumbnails/poster.jpg, thumbnails/thumbnail-001.jpg ...             poster and thumbnails
 * </pre>
 * With a {@link ContentProtection}, only these (and {@code thumbnails/}) are written:
 * <pre>
 * hls/master.m3u8, hls/media_N.m3u8, hls/init-streamN.m4s (clear),
 *     hls/chunk-streamN-00001.m4s ... (AES-128-CBC)                   the ladder, AES-128 HLS
 * dash/manifest.mpd, dash/init-streamN.m4s,
 *     dash/chunk-streamN-00001.m4s ... (CENC cenc-aes-ctr)            the ladder, DASH ClearKey
 * </pre>
 * Streams are numbered in order: video renditions first (highest first), audio last.
 */
public final class EncodingLayout {

    public static final String PREVIEW_DIR = "preview";
    public static final String CMAF_DIR = "cmaf";
    public static final String SMOOTH_DIR = "smooth";
    public static final String PROGRESSIVE_DIR = "progressive";
    public static final String THUMBNAILS_DIR = "thumbnails";
    /** AES-128 HLS of a protected run. */
    public static final String HLS_DIR = "hls";
    /** CENC DASH of a protected run. */
    public static final String DASH_DIR = "dash";

    public static final String HLS_MASTER = "master.m3u8";
    public static final String DASH_MANIFEST = "manifest.mpd";
    public static final String SMOOTH_ISM = "video.ism";
    public static final String SMOOTH_MANIFEST = SMOOTH_ISM + "/Manifest";
    public static final String PROGRESSIVE_MP4 = "video.mp4";
    public static final String POSTER = "poster.jpg";

    /** Name of the folder, inside the output directory, where unfinished outputs are written. */
    public static final String STAGING_DIR = ".staging";

    private EncodingLayout() {
    }

    static String thumbnailName(int index) {
        return String.format(java.util.Locale.ROOT, "thumbnail-%03d.jpg", index);
    }
}
