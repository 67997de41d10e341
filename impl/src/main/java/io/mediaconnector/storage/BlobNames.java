package io.mediaconnector.storage;

import java.util.regex.Pattern;

/**
 * The single place that decides which names the store accepts. Names arrive already
 * percent-decoded; anything that could walk out of a container, be read differently by another
 * layer (a second decoding, Windows separators) or collide with the store's own files is refused.
 */
public final class BlobNames {

    /** Azure's container rule: 3–63 of [a-z0-9-], starting and ending alphanumeric, no "--". */
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    /** Azure allows 1024 characters; segments are limited by the file system's 255 bytes. */
    public static final int MAX_BLOB_NAME_LENGTH = 1024;
    private static final int MAX_SEGMENT_BYTES = 200;

    /** Azure allows 64 bytes of decoded id; base64 of that is 88 characters. */
    public static final int MAX_BLOCK_ID_LENGTH = 88;

    private BlobNames() {
    }

    public static String requireContainer(String container) {
        if (container == null || !CONTAINER.matcher(container).matches()) {
            throw new InvalidBlobNameException("invalid container name: " + describe(container));
        }
        return container;
    }

    /** A blob name: '/'-separated non-empty segments, none of them "." or "..". */
    public static String requireBlob(String blob) {
        if (blob == null || blob.isEmpty() || blob.length() > MAX_BLOB_NAME_LENGTH) {
            throw new InvalidBlobNameException("invalid blob name: " + describe(blob));
        }
        requireSegments(blob, "blob name");
        return blob;
    }

    /** A prefix: "" (everything) or a blob-like name, optionally ending with '/'. */
    public static String requirePrefix(String prefix) {
        if (prefix == null) {
            throw new InvalidBlobNameException("prefix must not be null");
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty()) {
            requireBlob(trimmed);
        }
        return trimmed;
    }

    public static String requireBlockId(String blockId) {
        if (blockId == null || blockId.isEmpty() || blockId.length() > MAX_BLOCK_ID_LENGTH) {
            throw new InvalidBlobNameException("invalid block id: " + describe(blockId));
        }
        for (int i = 0; i < blockId.length(); i++) {
            char c = blockId.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidBlobNameException("invalid block id: " + describe(blockId));
            }
        }
        return blockId;
    }

    private static void requireSegments(String name, String what) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // '%': a name that still holds escapes was encoded twice (e.g. %2e%2e, %2f): refuse
            // rather than guess. '#': reserved for the store's sidecar files. '\\' and ':':
            // separators elsewhere.
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '%' || c == '#' || c == ':'
                    || Character.isSurrogate(c) && !validSurrogatePair(name, i)) {
                throw new InvalidBlobNameException(what + " contains a forbidden character: " + describe(name));
            }
        }
        if (name.startsWith("/") || name.endsWith("/")) {
            throw new InvalidBlobNameException(what + " must not start or end with '/': " + describe(name));
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidBlobNameException(what + " has an empty, '.' or '..' segment: " + describe(name));
            }
            if (segment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new InvalidBlobNameException(what + " has a segment over " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
    }

    private static boolean validSurrogatePair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String describe(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        name.codePoints().limit(120).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(name.length() > 120 ? "…\"" : "\"").toString();
    }
}
