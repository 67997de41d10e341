package io.mediaconnector.http;

import io.mediaconnector.problem.ProblemType;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.util.FastHttpDateFormat;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.utils.DelayedExecutor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The header-read deadline: from the first byte of a request, its whole header must arrive within
 * the timeout, or the connection gets a 408 problem and is closed. Keeps a client that sends its
 * header a byte at a time (slowloris) from holding a connection for ever; the keep-alive idle
 * timeout alone does not, since every byte counts as activity.
 *
 * <p>The clock of a connection starts when bytes arrive while no request is being parsed on it,
 * stops when its header is complete, and is not enforced while a response is still being written
 * on that connection (a pipelined request waits for it). Expiry is checked by Grizzly's
 * {@link DelayedExecutor} on its own thread, at a fraction of the timeout.
 */
public final class HeaderTimeouts implements AutoCloseable {
    /** The codec's own record of the request it is parsing on a connection (attributes are per name). */
    private static final Attribute<HttpRequestPacket> REQUEST_IN_PROCESS =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
    private static final Attribute<Clock> CLOCK =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HeaderTimeouts.class.getName() + ".clock");

    private final long timeoutMillis;
    private final DelayedExecutor executor;
    private final DelayedExecutor.DelayQueue<Clock> deadlines;
    private final RefusalAnswers answers;

    HeaderTimeouts(Duration timeout, RefusalAnswers answers) {
        this.timeoutMillis = timeout.toMillis();
        this.answers = answers;
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "header-timeouts");
            daemon.setDaemon(true);
            return daemon;
        });
        long checkEvery = Math.max(20, Math.min(1_000, timeoutMillis / 10));
        this.executor = new DelayedExecutor(thread, checkEvery, TimeUnit.MILLISECONDS);
        this.deadlines = executor.createDelayQueue(this::expired, new ClockResolver());
        executor.start();
    }

    /** Bytes arrived; false when the connection already timed out and its input is to be dropped. */
    boolean bytesArrived(Connection connection) {
        Clock clock = CLOCK.get(connection);
        if (clock == null) {
            clock = new Clock(connection);
            CLOCK.set(connection, clock);
        }
        synchronized (clock) {
            if (clock.timedOut) {
                return false;
            }
            if (!clock.awaitingHeader && REQUEST_IN_PROCESS.get(connection) == null) {
                clock.awaitingHeader = true;
                clock.target = null;
                deadlines.add(clock, timeoutMillis, TimeUnit.MILLISECONDS);
            }
            return true;
        }
    }

    /** The request whose header the codec is still reading on the connection, when its target is not yet known. */
    HttpRequestPacket awaitingTarget(Connection connection) {
        if (!connection.isOpen()) {
            return null; // refused and closed: its attributes are gone
        }
        Clock clock = CLOCK.get(connection);
        if (clock == null) {
            return null;
        }
        synchronized (clock) {
            return clock.awaitingHeader && clock.target == null ? REQUEST_IN_PROCESS.get(connection) : null;
        }
    }

    /** Remembers the target of an incomplete header, for the 408's instance and dialect. */
    void target(Connection connection, String target) {
        Clock clock = CLOCK.get(connection);
        if (clock != null && target != null) {
            synchronized (clock) {
                clock.target = target;
            }
        }
    }

    /** The codec refused the request and answered it: its header is no longer waited for. */
    void answered(Connection connection) {
        Clock clock = CLOCK.get(connection);
        if (clock == null) {
            return;
        }
        synchronized (clock) {
            clock.awaitingHeader = false;
        }
        deadlines.remove(clock);
    }

    void headerComplete(Connection connection) {
        Clock clock = CLOCK.get(connection);
        if (clock == null) {
            return;
        }
        synchronized (clock) {
            clock.awaitingHeader = false;
            clock.responsesPending++;
        }
        deadlines.remove(clock);
    }

    void responseComplete(Connection connection) {
        Clock clock = CLOCK.get(connection);
        if (clock != null) {
            synchronized (clock) {
                clock.responsesPending = Math.max(0, clock.responsesPending - 1);
            }
        }
    }

    void closed(Connection connection) {
        Clock clock = CLOCK.remove(connection);
        if (clock != null) {
            deadlines.remove(clock);
        }
    }

    private boolean expired(Clock clock) {
        String target;
        synchronized (clock) {
            if (!clock.awaitingHeader || clock.timedOut || !clock.connection.isOpen()) {
                return true;
            }
            if (clock.responsesPending > 0) {
                // A response is still being written on this connection; the next request waits for it.
                deadlines.add(clock, timeoutMillis, TimeUnit.MILLISECONDS);
                return true;
            }
            clock.timedOut = true;
            target = clock.target;
        }
        answerAndClose(clock.connection, target);
        return true;
    }

    private void answerAndClose(Connection connection, String target) {
        String requestId = RequestIds.newId();
        ErrorDialect.Answer answer = answers.answer(new Refusal(ProblemType.REQUEST_TIMEOUT,
                "The request header did not arrive within " + timeoutMillis + " ms."), target, requestId);
        RequestIds.logAccess("-", target == null ? "-" : target, answer.status(), System.nanoTime(), requestId);
        Buffer response = Buffers.wrap(connection.getMemoryManager(), serialized(answer));
        connection.write(response);
        connection.closeSilently();
    }

    /** The answer as HTTP/1.1 bytes: written outside any request, so there is no response packet to fill. */
    private static byte[] serialized(ErrorDialect.Answer answer) {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(answer.status()).append(' ')
                .append(HttpStatus.getHttpStatus(answer.status()).getReasonPhrase()).append("\r\n")
                .append("Date: ").append(FastHttpDateFormat.getCurrentDate()).append("\r\n")
                .append("Content-Type: ").append(answer.contentType()).append("\r\n")
                .append("Content-Length: ").append(answer.body().length).append("\r\n")
                .append("Connection: close\r\n");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + answer.body().length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(answer.body());
        return out.toByteArray();
    }

    @Override
    public void close() {
        executor.stop();
        executor.destroy();
        executor.getThreadPool().shutdownNow();
    }

    /** One connection's header clock. */
    private static final class Clock {
        private final Connection connection;
        private volatile long deadlineMillis = DelayedExecutor.UNSET_TIMEOUT;
        private boolean awaitingHeader;
        private boolean timedOut;
        private int responsesPending;
        private String target;

        private Clock(Connection connection) {
            this.connection = connection;
        }
    }

    private static final class ClockResolver implements DelayedExecutor.Resolver<Clock> {
        @Override
        public boolean removeTimeout(Clock clock) {
            if (clock.deadlineMillis != DelayedExecutor.UNSET_TIMEOUT) {
                clock.deadlineMillis = DelayedExecutor.UNSET_TIMEOUT;
                return true;
            }
            return false;
        }

        @Override
        public long getTimeoutMillis(Clock clock) {
            return clock.deadlineMillis;
        }

        @Override
        public void setTimeoutMillis(Clock clock, long timeoutMillis) {
            clock.deadlineMillis = timeoutMillis;
        }
    }
}
