package io.mediaconnector.upload;

import io.mediaconnector.support.DiskFull;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything else that escapes the blob protocol: a wrapped I/O failure or a full disk is
 * answered as {@link IoFailureMapper} answers it, the rest is 500 {@code InternalError}, logged,
 * never with internals in the answer.
 */
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof Exception failure && (e instanceof UncheckedIOException || DiskFull.causedBy(e))) {
            return IoFailureMapper.answer(failure);
        }
        LOG.error("unexpected failure in a blob request", e);
        return AzureErrorMapper.response(500, "InternalError",
                "The server encountered an internal error. Please retry the request.");
    }
}
