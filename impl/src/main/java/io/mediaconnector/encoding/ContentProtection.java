package io.mediaconnector.encoding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Encrypts the adaptive streams of a run of {@link EncodingPipeline#run(java.nio.file.Path,
 * java.nio.file.Path, ContentProtection, EncodingListener, CancelHandle)}: HLS as AES-128 (CBC,
 * whole media segments) and DASH as CENC ({@code cenc-aes-ctr}) for ClearKey, both under the same
 * content key.
 *
 * @param key        the 16-byte AES content key (copied; never logged, see {@link #toString()})
 * @param keyId      the key ID (KID) written into the DASH segments and manifest
 *                   ({@code cenc:default_KID}); a ClearKey license server is asked for it
 * @param hlsKeyUri  absolute http(s) URL HLS players fetch the 16 raw key bytes from; written
 *                   into every {@code #EXT-X-KEY}
 */
public record ContentProtection(byte[] key, UUID keyId, String hlsKeyUri) {

    public static final int KEY_BYTES = 16;

    public ContentProtection {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("The content key must be " + KEY_BYTES + " bytes");
        }
        if (keyId == null) {
            throw new IllegalArgumentException("The key ID is required");
        }
        if (hlsKeyUri == null) {
            throw new IllegalArgumentException("The HLS key URI is required");
        }
        try {
            URI uri = new URI(hlsKeyUri);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException("The HLS key URI must be an absolute http(s) URL: " + hlsKeyUri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The HLS key URI is not a URI: " + hlsKeyUri, e);
        }
        // a playlist attribute value may contain neither quotes nor line breaks (RFC 8216 4.2)
        if (hlsKeyUri.indexOf('"') >= 0 || hlsKeyUri.indexOf('\n') >= 0 || hlsKeyUri.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("The HLS key URI may not contain quotes or line breaks");
        }
        key = key.clone();
    }

    /** A copy of the content key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The content key as 32 lowercase hex digits (ffmpeg's {@code encryption_key}). */
    public String keyHex() {
        return HexFormat.of().formatHex(key);
    }

    /** The key ID as 32 lowercase hex digits, no dashes (ffmpeg's {@code encryption_kid}). */
    public String keyIdHex() {
        return keyId.toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentProtection that && Arrays.equals(key, that.key)
                && keyId.equals(that.keyId) && hlsKeyUri.equals(that.hlsKeyUri);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + keyId.hashCode()) + hlsKeyUri.hashCode();
    }

    /** Without the key. */
    @Override
    public String toString() {
        return "ContentProtection[keyId=" + keyId + ", hlsKeyUri=" + hlsKeyUri + "]";
    }
}
