package io.mediaconnector.server;

import io.mediaconnector.support.Randomness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The name of this node, kept in {@code <data>/node-id} so that it survives restarts: its workers'
 * ids start with it (a restarted node finds the jobs its killed predecessor still held), and its
 * folder in the shared plaintext directory is named after it. Twelve hex digits, random.
 */
final class NodeId {
    private static final String FILE = "node-id";

    private NodeId() {
    }

    static String loadOrCreate(Path dataDir, Randomness randomness) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file, randomness);
            }
            String id = Files.readString(file).trim();
            if (!id.matches("[0-9a-f]{12}")) {
                throw new IllegalStateException(file + " does not hold a node id (12 hex digits); delete it to get a new one");
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void create(Path file, Randomness randomness) throws IOException {
        UUID random = randomness.newId();
        String id = HexFormat.of().toHexDigits(random.getLeastSignificantBits()).substring(4);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
        Files.writeString(tmp, id + "\n");
        try {
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }
}
