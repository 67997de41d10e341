package io.mediaconnector.processing;

import io.mediaconnector.encoding.CancelHandle;
import io.mediaconnector.storage.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's encoding workers: threads that claim and run jobs until the node stops. On stop,
 * running encodes are cancelled and their jobs go back to the queue for another worker, without
 * counting the interrupted attempt.
 *
 * <p>Worker ids are {@code <prefix><n>}, the prefix naming this node across its restarts, so
 * that a restarted node recognises the jobs its killed predecessor still holds.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final EncodingWorker worker;
    private final ScheduledExecutorService heartbeats;
    private final Duration pollInterval;
    private final JobSignal signal;
    private final String workerIdPrefix;
    private final DiskSpace disk;
    private final CancelHandle shutdown = new CancelHandle();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    public WorkerPool(EncodingWorker worker, ScheduledExecutorService heartbeats, Duration pollInterval,
                      JobSignal signal, String workerIdPrefix, DiskSpace disk) {
        this.workerIdPrefix = workerIdPrefix;
        this.disk = disk;
        this.worker = worker;
        this.heartbeats = heartbeats;
        this.pollInterval = pollInterval;
        this.signal = signal;
    }

    public void start(int count) {
        for (int i = 0; i < count; i++) {
            String workerId = workerIdPrefix + i;
            Thread thread = new Thread(() -> loop(workerId), workerId);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        LOG.info("{} encoding worker(s) started", count);
    }

    private void loop(String workerId) {
        while (!shutdown.isCancelled()) {
            try {
                if (disk.isLow()) {
                    // Below the reserve a new encode would only fill what is left; jobs wait for space.
                    signal.await(pollInterval);
                    continue;
                }
                if (!worker.runOne(workerId, shutdown)) {
                    signal.await(pollInterval);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; the job's lease brings it back.
                LOG.warn("{}: {}", workerId, e.toString());
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            stopping.await(pollInterval.toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels running encodes, waits for their jobs to go back to the queue, stops. Harmless twice. */
    @Override
    public void close() {
        stopping.countDown();
        shutdown.cancel();
        signal.wakeAll(threads.size());
        worker.cancelRunning();
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heartbeats.shutdownNow();
    }
}
