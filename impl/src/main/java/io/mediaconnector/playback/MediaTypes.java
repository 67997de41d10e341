package io.mediaconnector.playback;

/** Content types of published outputs, by name, as players expect them. */
public final class MediaTypes {
    private MediaTypes() {
    }

    public static String of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (name.endsWith(".mpd")) {
            return "application/dash+xml";
        }
        if (name.equals("Manifest")) {
            return "application/vnd.ms-sstr+xml";
        }
        if (name.endsWith(".jpg")) {
            return "image/jpeg";
        }
        // CMAF segments (.m4s), Smooth fragments (Fragments(video=…)) and the progressive MP4.
        return "video/mp4";
    }

    public static boolean isManifest(String path) {
        return path.endsWith(".m3u8") || path.endsWith(".mpd") || path.endsWith("/Manifest");
    }
}
