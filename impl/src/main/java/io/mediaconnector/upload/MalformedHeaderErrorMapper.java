package io.mediaconnector.upload;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.message.internal.HeaderValueException;

/**
 * A request header Jersey cannot parse when it needs it ({@code Accept: text/html;q=abc}, a
 * {@code Content-Type} that is no media type): the client's mistake, 400 {@code InvalidHeaderValue}.
 */
public final class MalformedHeaderErrorMapper implements ExceptionMapper<HeaderValueException> {

    @Override
    public Response toResponse(HeaderValueException e) {
        return AzureErrorMapper.response(400, "InvalidHeaderValue", "A header of the request does not parse.");
    }
}
