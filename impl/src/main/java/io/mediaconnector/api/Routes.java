package io.mediaconnector.api;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Which part of the service a request is for, by path prefix. */
final class Routes {
    private Routes() {
    }

    /** The JSON API: {@code /api/...} and {@code /health}. */
    static boolean isJsonApi(ContainerRequestContext request) {
        String path = path(request);
        return path.startsWith("api/") || path.equals("api") || path.equals("health");
    }

    static boolean needsApiKey(ContainerRequestContext request) {
        String path = path(request);
        return path.startsWith("api/") || path.equals("api");
    }

    static boolean isAdmin(ContainerRequestContext request) {
        String path = path(request);
        return path.startsWith("api/Accounts");
    }

    /** The Azure-Blob-compatible upload endpoint, which speaks its own protocol and errors. */
    static boolean isBlob(ContainerRequestContext request) {
        return path(request).startsWith("blob/");
    }

    private static String path(ContainerRequestContext request) {
        return request.getUriInfo().getPath(false);
    }
}
