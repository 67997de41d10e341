package io.mediaconnector.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC secret behind upload SAS and signed playback URLs: from configuration, or made once
 * into {@code <data>/secrets/signing.key}, readable by the service's user only. Never logged.
 * Rotating it invalidates every UploadUri and signed URL handed out before.
 */
public final class SigningSecret {
    private SigningSecret() {
    }

    public static byte[] load(Settings settings) {
        if (settings.media().signingSecret().isPresent()) {
            return settings.media().signingSecret().get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = settings.dataDir().resolve("secrets/signing.key");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path tmp = Files.createTempFile(file.getParent(), "signing", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Base64.getEncoder().encodeToString(secret));
        try {
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another process made it first; use theirs
        }
    }
}
