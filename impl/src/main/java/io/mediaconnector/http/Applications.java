package io.mediaconnector.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassfish.grizzly.http.server.HttpHandler;

/**
 * The applications one node serves: some mounted under the first segment of their paths (the
 * blob protocol under {@code /blob}), one under every other path (the API). One decision, made
 * from the raw path, both routes a request ({@link ApplicationRouter}) and picks the dialect the
 * HTTP layer answers it in before routing ({@link ErrorDialect}), so that the two always agree.
 */
public final class Applications {

    /** One application: its handler and how errors found outside it are worded for its clients. */
    public record Application(HttpHandler handler, ErrorDialect dialect) {

        public Application {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(dialect, "dialect");
        }
    }

    private final Application fallback;
    private final Map<String, Application> mounted;

    /** @param mounted applications by the first segment of their paths, e.g. {@code "blob"} */
    public Applications(Application fallback, Map<String, Application> mounted) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.mounted = Map.copyOf(mounted);
    }

    /**
     * The application a request path belongs to, decided the way Jersey's router reads the path:
     * by its first segment, percent-decoded, without matrix parameters, so {@code /%62lob/…} and
     * {@code /blob;x=1/…} are the blob protocol's as much as {@code /blob/…} is.
     *
     * @param rawPath the path as sent, or null when the request line never arrived
     */
    public Application of(String rawPath) {
        return mounted.isEmpty() ? fallback : mounted.getOrDefault(firstSegment(rawPath), fallback);
    }

    /** Every application. */
    List<Application> all() {
        List<Application> all = new ArrayList<>(mounted.values());
        all.add(fallback);
        return all;
    }

    static String firstSegment(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return "";
        }
        int end = rawPath.indexOf('/', 1);
        String first = end < 0 ? rawPath.substring(1) : rawPath.substring(1, end);
        int matrix = first.indexOf(';');
        if (matrix >= 0) {
            first = first.substring(0, matrix);
        }
        if (first.indexOf('%') < 0) {
            return first;
        }
        try {
            return URLDecoder.decode(first.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return first;
        }
    }
}
