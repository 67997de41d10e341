package io.mediaconnector.api;

import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * A request path the way Jersey's router sees it: percent-decoded, matrix parameters dropped. A
 * decision about which part of the service a request is for must use this form, not the raw
 * path: Jersey routes {@code /api;x=1/Videos} and {@code /%61pi/Videos} to {@code /api/Videos},
 * and a check of the raw prefix would let them past authentication.
 */
public final class RoutePaths {
    private RoutePaths() {
    }

    /** The routed path without its leading slash, e.g. {@code api/Videos/…}. */
    public static String of(UriInfo uri) {
        List<PathSegment> segments = uri.getPathSegments(true);
        StringBuilder path = new StringBuilder();
        for (PathSegment segment : segments) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(segment.getPath());
        }
        return path.toString();
    }

    /** The first segment of the routed path ({@code api}, {@code blob}, {@code keys}, …). */
    public static String firstSegment(UriInfo uri) {
        List<PathSegment> segments = uri.getPathSegments(true);
        return segments.isEmpty() ? "" : segments.get(0).getPath();
    }
}
