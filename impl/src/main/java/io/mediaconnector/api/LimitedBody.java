package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.problem.ProblemType;
import io.mediaconnector.support.BoundedInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;

/**
 * A request body that may not grow past a limit (413), whose stalled reads surface as 408 and
 * whose early end (the client closed the connection) as 400: problems rather than the I/O errors
 * underneath.
 */
final class LimitedBody extends BoundedInputStream {

    LimitedBody(InputStream in, long limit) {
        super(in, limit, max -> new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + max + " bytes."));
    }

    @Override
    public int read() throws IOException {
        return guarded(super::read);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return guarded(() -> super.read(buffer, offset, length));
    }

    private interface Read {
        int run() throws IOException;
    }

    private static int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw new ProblemException(ProblemType.REQUEST_TIMEOUT, "The request body did not arrive in time.");
            }
            if (e instanceof EOFException) {
                // The client went away mid-body: its mistake, not ours, so not a 500.
                throw new ProblemException(ProblemType.INVALID_REQUEST,
                        "The request body ended before its declared length.");
            }
            throw e;
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
