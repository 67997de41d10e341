package io.mediaconnector.upload;

import io.mediaconnector.support.DiskFull;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed read or write, in Azure's words: a body that stalled (408) or ended early (400) is the
 * client's doing, a full disk is 503 {@code ServerBusy}, anything else 500. Nothing was stored.
 */
public final class IoFailureMapper implements ExceptionMapper<IOException> {
    private static final Logger LOG = LoggerFactory.getLogger(IoFailureMapper.class);

    @Override
    public Response toResponse(IOException e) {
        return answer(e);
    }

    /** The answer to an I/O failure, wrapped or not ({@link java.io.UncheckedIOException} comes here too). */
    static Response answer(Exception e) {
        AzureErrorException azure = azureError(e);
        return AzureErrorMapper.response(azure.status(), azure.code(), azure.getMessage());
    }

    /** Azure has no "storage full"; its 503 ServerBusy is what SDKs retry with backoff, which is what helps. */
    static AzureErrorException storageFull() {
        return new AzureErrorException(503, "ServerBusy",
                "The server's storage is full, so nothing was stored. Retry once space has been freed.");
    }

    private static AzureErrorException azureError(Exception e) {
        if (DiskFull.causedBy(e)) {
            LOG.warn("blob request refused, the disk is full: {}", e.toString());
            return storageFull();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
                return new AzureErrorException(408, "OperationTimedOut",
                        "The request body stopped arriving before it was complete; nothing was stored. Retry the request.");
            }
            if (cause instanceof EOFException) {
                return AzureErrorException.badRequest("InvalidInput",
                        "The request body ended before its declared length; nothing was stored.");
            }
        }
        LOG.warn("blob request failed: {}", e.toString());
        return new AzureErrorException(500, "InternalError", "The server encountered an internal error. Please retry the request.");
    }
}
