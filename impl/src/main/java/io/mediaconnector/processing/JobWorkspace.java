package io.mediaconnector.processing;

import io.mediaconnector.storage.BlobRead;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.video.Video;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A job's local files: its upload, fetched from blob storage into an owner-only folder (and
 * decrypted on the way when the client encrypted it, see {@link UploadDecryption}), and the folder
 * the pipeline writes its outputs into. All of it is removed when the job ends.
 */
public final class JobWorkspace {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorkspace.class);

    private final BlobStore store;
    private final UploadDecryption decryption;
    private final Path workRoot;

    /** @param workRoot this node's work directory: one folder per job under it */
    public JobWorkspace(BlobStore store, UploadDecryption decryption, Path workRoot) {
        this.store = store;
        this.decryption = decryption;
        this.workRoot = workRoot;
    }

    /** Copies the video's upload into a local file of this job and returns the file. */
    Path fetchInput(EncodingJob job, Video video) throws IOException {
        Path dir = inputDirectory(job, video);
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String name = video.storedFileName();
        Path input = dir.resolve("input" + name.substring(name.lastIndexOf('.')));
        try (BlobRead read = store.openForRead(video.containerName(), name, Optional.empty());
             InputStream content = decryption.decrypting(video, read.content())) {
            Files.copy(content, input, StandardCopyOption.REPLACE_EXISTING);
        }
        return input;
    }

    /** Where the pipeline writes this job's outputs. */
    Path outputDirectory(EncodingJob job) {
        return workDirectory(job).resolve("out");
    }

    /** Removes every local file of the job: its work folder and, for an encrypted upload, the plaintext. */
    void remove(EncodingJob job, Video video) {
        deleteTree(workDirectory(job));
        deleteTree(inputDirectory(job, video));
    }

    /** What a person should check when the fetched input turns out not to be a video (see {@link UploadDecryption#hint}). */
    String failureHint(Video video) {
        return decryption.hint(video);
    }

    private Path workDirectory(EncodingJob job) {
        return workRoot.resolve(job.id().toString());
    }

    private Path inputDirectory(EncodingJob job, Video video) {
        return decryption.inputDirectory(video, workDirectory(job), job.id());
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove work directory {}", root, e);
        }
    }
}
