package io.mediaconnector.upload;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Errors Jersey raises itself in the blob protocol (no such route, a method it does not
 * support, a parameter that does not parse), in Azure's words, with Jersey's status.
 */
public final class WebApplicationErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = AzureErrorCodes.forStatus(status);
        if (e instanceof NotAllowedException) {
            String allow = String.join(", ", e.getResponse().getAllowedMethods());
            return Response.fromResponse(AzureErrorMapper.response(status, code,
                    "The HTTP verb is not supported here; this resource allows " + allow + "."))
                    .header(HttpHeaders.ALLOW, allow).build();
        }
        return AzureErrorMapper.response(status, code, switch (status) {
            case 404 -> "The specified resource does not exist.";
            case 406 -> "The Accept header allows no media type this operation produces.";
            case 415 -> "The Content-Type of the request is not supported here.";
            default -> status >= 500 ? "The server encountered an internal error. Please retry the request."
                    : "The request is not valid for this resource.";
        });
    }
}
