package io.mediaconnector.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets made once into {@code <data>/secrets/<name>} (a random 32 bytes, base64), readable by
 * the service's user only, unless configuration provides them. Never logged.
 */
public final class SecretFiles {
    private final Path directory;

    public SecretFiles(Path dataDir) {
        this.directory = dataDir.resolve("secrets");
    }

    /** The secret's bytes: the configured value when present, else the file's, made if missing. */
    public byte[] loadOrCreate(String name) {
        Path file = directory.resolve(name);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Base64.getEncoder().encodeToString(secret));
        try {
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another process made it first; use theirs
        }
    }
}
