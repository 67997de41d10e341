package io.mediaconnector.http;

import org.glassfish.grizzly.http.util.DataChunk;

import java.nio.charset.StandardCharsets;

/**
 * Reads the raw bytes of what Grizzly parsed (request target, header names and values) without
 * decoding them and without touching the string Grizzly may cache for later readers.
 */
final class Chunks {
    private Chunks() {
    }

    static int length(DataChunk chunk) {
        return switch (chunk.getType()) {
            case Buffer, Bytes -> chunk.getEnd() - chunk.getStart();
            case None -> 0;
            default -> chunk.toString().length();
        };
    }

    /** The byte at {@code index} (0-based), as an unsigned value. */
    static int byteAt(DataChunk chunk, int index) {
        return switch (chunk.getType()) {
            case Buffer -> chunk.getBufferChunk().getBuffer().get(chunk.getStart() + index) & 0xFF;
            case Bytes -> chunk.getByteChunk().getBuffer()[chunk.getStart() + index] & 0xFF;
            default -> chunk.toString().charAt(index);
        };
    }

    /** At most {@code max} bytes of the chunk as ISO-8859-1 text, or null when the chunk is empty. */
    static String text(DataChunk chunk, int max) {
        int length = chunk.isNull() ? 0 : length(chunk);
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[Math.min(length, max)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) byteAt(chunk, i);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static boolean equalsIgnoreCase(DataChunk chunk, String lowerCase) {
        if (chunk.isNull() || length(chunk) != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            int b = byteAt(chunk, i);
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
