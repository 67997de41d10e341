package io.mediaconnector.video;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The input file types the encoder accepts, by extension: the Connector's 37 first, in its
 * order (with corrected MIME types), then the common containers it lacked.
 */
public final class InputFormats {
    private static final Map<String, String> MIME_BY_EXTENSION = new LinkedHashMap<>();

    static {
        add("audio/x-aiff", "aif", "aifc", "aiff");
        add("audio/basic", "au");
        add("video/x-msvideo", "avi");
        add("video/x-dv", "dif", "dv");
        add("audio/x-mpegurl", "m3u");
        add("audio/mp4", "m4a", "m4b", "m4p");
        add("video/vnd.mpegurl", "m4u");
        add("video/x-m4v", "m4v");
        add("audio/midi", "mid", "midi");
        add("video/quicktime", "mov");
        add("video/x-sgi-movie", "movie");
        add("audio/mpeg", "mp2", "mp3");
        add("video/mp4", "mp4");
        add("video/mpeg", "mpe", "mpeg", "mpg");
        add("audio/mpeg", "mpga");
        add("video/vnd.mpegurl", "mxu");
        add("video/quicktime", "qt");
        add("audio/x-pn-realaudio", "ra", "ram");
        add("audio/wav", "wav");
        add("video/x-ms-asf", "asf", "asx");
        add("audio/x-ms-wma", "wma");
        add("audio/x-ms-wax", "wax");
        add("video/x-ms-wmv", "wmv");
        add("video/x-ms-wvx", "wvx");
        add("video/x-ms-wm", "wm");
        add("video/x-ms-wmx", "wmx");
        add("video/x-matroska", "mkv");
        add("video/webm", "webm");
        add("video/mp2t", "ts", "m2ts", "mts");
        add("video/3gpp", "3gp");
        add("video/3gpp2", "3g2");
        add("video/x-flv", "flv");
        add("video/ogg", "ogv");
        add("application/mxf", "mxf");
        add("video/mpeg", "vob", "m2v");
        add("video/x-f4v", "f4v");
    }

    private static void add(String mimeType, String... extensions) {
        for (String extension : extensions) {
            MIME_BY_EXTENSION.put(extension, mimeType);
        }
    }

    /** Extension → MIME type, in listing order. */
    public Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(MIME_BY_EXTENSION);
    }

    /** The accepted extension of a file name, lower-cased, if it has one. */
    public Optional<String> acceptedExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MIME_BY_EXTENSION.containsKey(extension) ? Optional.of(extension) : Optional.empty();
    }
}
