package io.mediaconnector.support;

import java.util.Locale;
import java.util.Map;

/**
 * The media type of a file by its name, as players and browsers expect it: the one table of the
 * code base, used when outputs are stored and when they are served.
 */
public final class MediaTypes {
    public static final String OCTET_STREAM = "application/octet-stream";
    /** Smooth Streaming's manifest is a file without extension, {@code <name>.ism/Manifest}. */
    private static final String SMOOTH_MANIFEST = "Manifest";
    /** Smooth Streaming's fragments are named {@code Fragments(video=<t>)}: fragmented MP4 without extension. */
    private static final String SMOOTH_FRAGMENT = "Fragments(";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("mpd", "application/dash+xml"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4s", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("ts", "video/mp2t"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("vtt", "text/vtt"),
            Map.entry("json", "application/json"));

    private MediaTypes() {
    }

    /** The media type of the file a path (or a bare name) ends with; {@value #OCTET_STREAM} when unknown. */
    public static String of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals(SMOOTH_MANIFEST)) {
            return "application/vnd.ms-sstr+xml";
        }
        if (name.startsWith(SMOOTH_FRAGMENT)) {
            return "video/mp4";
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
    }

    /** Whether the path names a streaming manifest (HLS playlist, DASH MPD, Smooth manifest), which changes while a video is encoded. */
    public static boolean isManifest(String path) {
        return path.endsWith(".m3u8") || path.endsWith(".mpd") || path.endsWith("/" + SMOOTH_MANIFEST);
    }
}
