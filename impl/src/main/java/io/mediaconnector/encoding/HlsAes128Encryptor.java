package io.mediaconnector.encoding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a clear CMAF HLS folder (as the dash muxer writes it with {@code -hls_playlist 1}) into
 * AES-128 HLS in place: ffmpeg refuses {@code -hls_key_info_file} with fMP4 segments, so every
 * media segment is encrypted here, whole, with AES-128-CBC and PKCS#7 padding, each under a fresh
 * random IV; the init segments stay clear (RFC 8216 4.3.2.4: the {@code EXT-X-MAP} of an
 * {@code AES-128} playlist has no key unless the KEY tag precedes it). Each media playlist gets an
 * {@code #EXT-X-KEY:METHOD=AES-128,URI="<key url>",IV=0x<iv>} before each segment (the first one
 * right after {@code #EXT-X-MAP}). The folder's DASH manifest, which would point at the
 * CBC-encrypted segments, is deleted.
 */
final class HlsAes128Encryptor {

    static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

    /** Shared by concurrent runs: a thread-safe generator (a {@link java.security.SecureRandom} outside tests). */
    private final RandomGenerator random;

    HlsAes128Encryptor(RandomGenerator random) {
        this.random = random;
    }

    /** @return number of segments encrypted */
    int encrypt(Path dir, ContentProtection protection) {
        try {
            Files.deleteIfExists(dir.resolve(EncodingLayout.DASH_MANIFEST));
            int segments = 0;
            for (String playlist : mediaPlaylists(dir.resolve(EncodingLayout.HLS_MASTER))) {
                segments += encryptPlaylist(dir.resolve(playlist), protection);
            }
            if (segments == 0) {
                throw new EncodingException("The HLS output has no media segments to encrypt");
            }
            return segments;
        } catch (IOException e) {
            throw new EncodingException("Encrypting the HLS segments failed: " + e.getMessage(), e);
        }
    }

    /** The media playlists a master names: its URI lines and the {@code URI="..."} of its EXT-X-MEDIA tags. */
    static Set<String> mediaPlaylists(Path master) throws IOException {
        Set<String> playlists = new LinkedHashSet<>();
        for (String line : Files.readAllLines(master, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                playlists.add(local(trimmed));
            } else if (trimmed.startsWith("#EXT-X-MEDIA:")) {
                int uri = trimmed.indexOf("URI=\"");
                if (uri >= 0) {
                    playlists.add(local(trimmed.substring(uri + 5, trimmed.indexOf('"', uri + 5))));
                }
            }
        }
        return playlists;
    }

    private int encryptPlaylist(Path playlist, ContentProtection protection) throws IOException {
        List<String> lines = Files.readAllLines(playlist, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(lines.size() * 2);
        String pendingSegmentTag = null;
        int segments = 0;
        byte[] iv = null;
        boolean mapSeen = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#EXT-X-KEY") || trimmed.startsWith("#EXT-X-BYTERANGE")) {
                throw new EncodingException("Unexpected " + trimmed + " in " + playlist.getFileName());
            }
            if (trimmed.startsWith("#EXT-X-MAP:")) {
                mapSeen = true;
            }
            if (trimmed.startsWith("#EXTINF:")) {
                if (!mapSeen) {
                    throw new EncodingException("No #EXT-X-MAP before the first segment of " + playlist.getFileName());
                }
                iv = new byte[16];
                random.nextBytes(iv);
                out.add(keyTag(protection, iv));
                pendingSegmentTag = trimmed;
                out.add(line);
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                if (pendingSegmentTag == null) {
                    throw new EncodingException("Segment without #EXTINF in " + playlist.getFileName());
                }
                encryptFile(playlist.resolveSibling(local(trimmed)), protection, iv);
                segments++;
                pendingSegmentTag = null;
                out.add(line);
            } else {
                out.add(line);
            }
        }
        Path temp = playlist.resolveSibling(playlist.getFileName() + ".tmp");
        Files.write(temp, out, StandardCharsets.UTF_8);
        Files.move(temp, playlist, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return segments;
    }

    static String keyTag(ContentProtection protection, byte[] iv) {
        return "#EXT-X-KEY:METHOD=AES-128,URI=\"" + protection.hlsKeyUri() + "\",IV=0x" + HexFormat.of().formatHex(iv);
    }

    /** Replaces {@code segment} by its AES-128-CBC (PKCS#7) encryption. */
    static void encryptFile(Path segment, ContentProtection protection, byte[] iv) throws IOException {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(protection.key(), "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new EncodingException("AES-128-CBC is not available in this JVM", e);
        }
        Path temp = segment.resolveSibling(segment.getFileName() + ".enc");
        try (InputStream in = Files.newInputStream(segment);
             OutputStream out = new CipherOutputStream(Files.newOutputStream(temp), cipher)) {
            in.transferTo(out);
        }
        Files.move(temp, segment, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Only plain file names in the same folder: the muxer writes nothing else. */
    private static String local(String name) {
        if (name.contains("/") || name.contains("\\") || name.contains(":") || name.startsWith(".")) {
            throw new EncodingException("Unexpected playlist entry " + name);
        }
        return name;
    }
}
