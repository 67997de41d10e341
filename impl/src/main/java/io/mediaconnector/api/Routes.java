package io.mediaconnector.api;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Which part of the service a request is for, by the path prefix Jersey routes it by. */
final class Routes {
    private static final String ROUTED_PATH = "mc.routedPath";

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

    /** The routed path (decoded, without matrix parameters), worked out once per request. */
    private static String path(ContainerRequestContext request) {
        Object known = request.getProperty(ROUTED_PATH);
        if (known != null) {
            return (String) known;
        }
        String path = RoutePaths.of(request.getUriInfo());
        request.setProperty(ROUTED_PATH, path);
        return path;
    }
}
