package io.mediaconnector.processing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What an earlier run of this node left when it was killed ({@code kill -9}, a crash, a power
 * cut), removed when the node starts again, before its workers start, so none of it is in use:
 * <ul>
 * <li>ffmpeg/ffprobe processes still working for it. Where {@code setpriv} exists they died with
 * the service already (see {@code encoding.ParentDeathSignal}); this is the fallback elsewhere.
 * They are recognised by their executable's name and by arguments naming this node's folders.</li>
 * <li>The contents of this node's work directory and of its folder in the plaintext directory:
 * half-fetched uploads, decrypted plaintext, half-written outputs.</li>
 * <li>The jobs its workers still hold: back in the queue at once rather than when their lease
 * runs out. The interrupted attempt counts (see {@link EncodingWorker}); the worker that claims
 * a job next removes the job's staged outputs first.</li>
 * </ul>
 * The data directory belongs to one process at a time, so nothing else uses these folders.
 */
public final class EarlierRunLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(EarlierRunLeftovers.class);
    private static final Set<String> ENCODERS = Set.of("ffmpeg", "ffprobe");
    private static final long KILL_WAIT_SECONDS = 5;

    private final JobQueue queue;
    private final String workerIdPrefix;
    private final List<Path> nodeDirectories;

    /**
     * @param workerIdPrefix  the prefix of every worker id of this node, in this run and earlier ones
     * @param nodeDirectories folders only this node uses (its work directory, its plaintext folder)
     */
    public EarlierRunLeftovers(JobQueue queue, String workerIdPrefix, List<Path> nodeDirectories) {
        this.queue = queue;
        this.workerIdPrefix = workerIdPrefix;
        this.nodeDirectories = nodeDirectories.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
    }

    public void remove() {
        stopOrphanedEncoders();
        nodeDirectories.forEach(EarlierRunLeftovers::emptyDirectory);
        int reclaimed = queue.reclaimAbandoned(workerIdPrefix, "its node stopped without finishing it");
        if (reclaimed > 0) {
            LOG.info("{} encoding job(s) were running when this node stopped: back in the queue", reclaimed);
        }
    }

    private void stopOrphanedEncoders() {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self && isEncoderOfThisNode(process.info()))
                .toList();
        for (ProcessHandle orphan : orphans) {
            LOG.warn("stopping ffmpeg process {} left running by an earlier run of this node", orphan.pid());
            orphan.destroyForcibly();
        }
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("ffmpeg process {} did not stop within {} s", orphan.pid(), KILL_WAIT_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean isEncoderOfThisNode(ProcessHandle.Info info) {
        boolean encoder = info.command().map(command -> ENCODERS.contains(Path.of(command).getFileName().toString()))
                .orElse(false);
        return encoder && info.arguments().map(arguments -> Stream.of(arguments).anyMatch(this::namesNodeDirectory))
                .orElse(false);
    }

    private boolean namesNodeDirectory(String argument) {
        return nodeDirectories.stream().anyMatch(dir -> argument.contains(dir + "/"));
    }

    private static void emptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> leftovers = walk.filter(path -> !path.equals(dir)).sorted(Comparator.reverseOrder()).toList();
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
            if (!leftovers.isEmpty()) {
                LOG.info("removed {} leftover files and folders of an earlier run from {}", leftovers.size(), dir);
            }
        } catch (IOException e) {
            // Leftovers waste space but harm nothing: not a reason to refuse to start.
            LOG.warn("could not remove everything an earlier run left in {}", dir, e);
        }
    }
}
