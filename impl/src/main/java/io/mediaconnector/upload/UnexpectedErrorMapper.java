package io.mediaconnector.upload;

import io.mediaconnector.support.DiskFull;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything else that escapes the blob protocol: a full disk is Azure's 503 {@code ServerBusy}
 * (which SDKs retry with backoff), the rest 500 {@code InternalError}, logged, never with
 * internals in the answer.
 */
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (DiskFull.causedBy(e)) {
            LOG.warn("blob request refused, the disk is full: {}", e.toString());
            return AzureErrorMapper.response(503, "ServerBusy",
                    "The server's storage is full, so nothing was stored. Retry once space has been freed.");
        }
        LOG.error("unexpected failure in a blob request", e);
        return AzureErrorMapper.response(500, "InternalError",
                "The server encountered an internal error. Please retry the request.");
    }
}
